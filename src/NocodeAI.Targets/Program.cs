using NocodeAI.GraphQL.Hosting;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Messaging;
using NocodeAI.ServiceDefaults;
using NocodeAI.Targets;
using NocodeAI.Targets.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeIdentity();
builder.AddNocodeMessaging();
builder.AddRealtime();
builder.AddApplicationServices();
builder.AddGraphQLSubgraph<TargetsSchema>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGraphQLEndpoint();

await app.RunSubgraphAsync(args);
