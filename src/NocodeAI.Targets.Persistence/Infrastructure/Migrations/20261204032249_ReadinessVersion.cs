using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NocodeAI.Targets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReadinessVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "model_readiness",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "model_readiness");
        }
    }
}
