using NocodeAI.Externals.Admin;
using NocodeAI.Externals.Extensions;
using NocodeAI.Externals.Midas;
using NocodeAI.Externals.SwingChat;
using NocodeAI.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddExternalStandIns();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSwingChatApi();
app.MapMidasApi();
app.MapAdminApi();

await app.RunAsync();
