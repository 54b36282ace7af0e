global using GraphQL;
global using GraphQL.Types;
global using NocodeAI.Models.Contracts;
global using NocodeAI.ServiceDefaults.Errors;
global using NocodeAI.ServiceDefaults.Identity;
global using NocodeAI.ServiceDefaults.Observability;
