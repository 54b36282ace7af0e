global using NocodeAI.Messaging;
global using NocodeAI.Models.Contracts;
global using NocodeAI.Notices.IntegrationEvents;
global using NocodeAI.Notices.Notices;
global using Xunit;
