using NocodeAI.GraphQL.Hosting;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Messaging;
using NocodeAI.Models;
using NocodeAI.Models.Extensions;
using NocodeAI.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeIdentity();
builder.AddNocodeMessaging();
builder.AddRealtime();
builder.AddApplicationServices();
builder.AddGraphQLSubgraph<ModelsSchema>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGraphQLEndpoint();

await app.RunSubgraphAsync(args);
