global using Microsoft.Extensions.Logging.Abstractions;
global using NocodeAI.Models.Contracts;
global using NocodeAI.Warehouse;
global using NocodeAI.Warehouse.Seeding;
global using Xunit;
