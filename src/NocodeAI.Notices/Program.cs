using NocodeAI.GraphQL.Hosting;
using NocodeAI.GraphQL.Realtime;
using NocodeAI.Messaging;
using NocodeAI.Notices;
using NocodeAI.Notices.Extensions;
using NocodeAI.Notices.MyRequests;
using NocodeAI.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeIdentity();
builder.AddNocodeMessaging();
builder.AddRealtime();
builder.AddApplicationServices();
builder.AddGraphQLSubgraph<NoticesSchema>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGraphQLEndpoint();

if (args.Contains(MyRequestsRebuilder.CommandLineSwitch))
{
    return await app.RebuildProjectionAsync();
}

await app.RunSubgraphAsync(args);
return 0;
