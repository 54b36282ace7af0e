global using NocodeAI.GraphQL.Tests.Infrastructure;
global using NocodeAI.Tests.Shared;
global using Xunit;
