global using NocodeAI.ServiceDefaults.Errors;
global using NocodeAI.Targets.Contracts;
global using Microsoft.Extensions.DependencyInjection;
global using Xunit;
