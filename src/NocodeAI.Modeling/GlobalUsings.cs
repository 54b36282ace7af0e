global using System.Globalization;
global using System.Runtime.CompilerServices;
global using Microsoft.ML;
global using Microsoft.ML.Data;
global using NocodeAI.Models.Contracts;
global using NocodeAI.Warehouse;
