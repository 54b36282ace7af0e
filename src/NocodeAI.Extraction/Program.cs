using NocodeAI.Extraction.Extensions;
using NocodeAI.Messaging;
using NocodeAI.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeMessaging();
builder.AddExtractionWorker();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
