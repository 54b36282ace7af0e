using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NocodeAI.Access.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UserDisabled : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "disabled",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "disabled_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "disabled",
                table: "users");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "users");
        }
    }
}
