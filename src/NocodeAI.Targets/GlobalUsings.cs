global using GraphQL;
global using GraphQL.Types;
global using NocodeAI.ServiceDefaults.Errors;
global using NocodeAI.ServiceDefaults.Identity;
global using NocodeAI.ServiceDefaults.Observability;
global using NocodeAI.Targets.Contracts;
global using NocodeAI.Models.Contracts;
