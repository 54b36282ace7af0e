global using NocodeAI.Models.Contracts;
global using NocodeAI.ServiceDefaults.Errors;
global using NocodeAI.Targets.Contracts;
