global using System.Data.Common;
global using System.Globalization;
global using System.Runtime.CompilerServices;
