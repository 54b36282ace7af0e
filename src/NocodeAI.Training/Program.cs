using NocodeAI.Messaging;
using NocodeAI.ServiceDefaults;
using NocodeAI.Training.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNocodeMessaging();
builder.AddTrainingWorker();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
