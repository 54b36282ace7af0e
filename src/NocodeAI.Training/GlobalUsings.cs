global using NocodeAI.Models.Contracts;
