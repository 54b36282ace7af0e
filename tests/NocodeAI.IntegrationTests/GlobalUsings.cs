global using System.Text.Json;
global using NocodeAI.IntegrationTests.Support;
global using Xunit;
global using Xunit.Abstractions;
