using NocodeAI.Access;
using NocodeAI.Access.Extensions;
using NocodeAI.GraphQL.Hosting;
using NocodeAI.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeIdentity();
builder.AddApplicationServices();
builder.AddGraphQLSubgraph<AccessSchema>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGraphQLEndpoint();

await app.RunSubgraphAsync(args);
