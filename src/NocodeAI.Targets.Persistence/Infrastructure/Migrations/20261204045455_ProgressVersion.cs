using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NocodeAI.Targets.Infrastructure.Migrations
{
    /// <summary>The report version of the extraction progress shown, so an older progress report applied later changes nothing.</summary>
    public partial class ProgressVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "progress_version",
                table: "target_requests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "progress_version",
                table: "target_requests");
        }
    }
}
