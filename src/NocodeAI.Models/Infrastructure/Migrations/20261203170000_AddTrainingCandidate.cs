using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NocodeAI.Models.Infrastructure.Migrations
{
    /// <summary>The AutoML candidate a TRAINING request is on ("3/8 LIGHT_GBM leaves=31 …").</summary>
    public partial class AddTrainingCandidate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "training_candidate",
                table: "model_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "training_candidate",
                table: "model_requests");
        }
    }
}
