global using NocodeAI.Targets.Contracts;
