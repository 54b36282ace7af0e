global using GraphQL;
global using GraphQL.Types;
global using NocodeAI.ServiceDefaults.Errors;
global using NocodeAI.ServiceDefaults.Identity;
