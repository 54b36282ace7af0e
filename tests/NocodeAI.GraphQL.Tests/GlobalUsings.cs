global using NocodeAI.GraphQL.Tests.Infrastructure;
global using Xunit;
