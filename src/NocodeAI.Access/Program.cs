using NocodeAI.Access;
using NocodeAI.Access.Extensions;
using NocodeAI.GraphQL.Hosting;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeIdentity();
builder.AddApplicationServices();
// Redis keeps the sign-in throttle's counts, shared by every replica.
builder.AddRealtime();
builder.AddGraphQLSubgraph<AccessSchema>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGraphQLEndpoint();

await app.RunSubgraphAsync(args);
