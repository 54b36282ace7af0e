global using NocodeAI.Deployment.Tests.Checks;
global using NocodeAI.Deployment.Tests.Manifests;
global using NocodeAI.Deployment.Tests.Rendering;
global using Xunit;
