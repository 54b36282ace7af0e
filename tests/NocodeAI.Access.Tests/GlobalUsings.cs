global using NocodeAI.ServiceDefaults.Errors;
global using NocodeAI.ServiceDefaults.Identity;
global using Xunit;
