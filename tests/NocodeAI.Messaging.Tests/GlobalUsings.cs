global using System.Text.Json;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using NocodeAI.Messaging;
global using NocodeAI.Messaging.Tests.Infrastructure;
global using NocodeAI.Tests.Shared;
global using Xunit;
global using NocodeAI.ServiceDefaults.Resilience;
