using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using NocodeAI.Gateway.Observability;
using NocodeAI.Gateway.Planning;
using NocodeAI.Gateway.Subgraphs;
using NocodeAI.Gateway.Supergraph;

namespace NocodeAI.Gateway.Execution;

/// <summary>A GraphQL request as it arrived over any transport.</summary>
public sealed record GatewayRequest(string Query, string? OperationName, JsonElement Variables);

/// <summary>
/// The answer to a query or mutation, or one subscription event: either built by the gateway
/// (<see cref="Data"/> and <see cref="Errors"/>) or a subgraph's response passed on as it came
/// (<see cref="Raw"/>). <see cref="IsRequestError"/>: the operation never ran (it did not parse or
/// validate, or its variables were wrong), so there is no <c>data</c>.
/// </summary>
public sealed class GatewayResult
{
    public JsonObject? Data { get; init; }
    public bool HasData { get; init; }
    public IReadOnlyList<JsonObject> Errors { get; init; } = [];
    public bool IsRequestError { get; init; }
    public RawResponse? Raw { get; init; }

    public static GatewayResult RequestError(IReadOnlyList<JsonObject> errors) => new() { Errors = errors, IsRequestError = true };

    public static GatewayResult RequestError(string message, string code) =>
        RequestError([new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } }]);

    /// <summary>The response body: <c>{"data": …, "errors": […]}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (Raw is not null)
        {
            // A subgraph's own (or a shared event's) JSON, already valid and compact.
            writer.WriteRawValue(Raw.Body, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        if (Errors.Count > 0)
        {
            writer.WritePropertyName("errors");
            writer.WriteStartArray();
            foreach (var error in Errors) error.WriteTo(writer);
            writer.WriteEndArray();
        }

        if (HasData)
        {
            writer.WritePropertyName("data");
            if (Data is null) writer.WriteNullValue();
            else Data.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    public byte[] ToUtf8()
    {
        if (Raw is not null) return Raw.Body;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// The gateway's one execution path, whatever the transport: prepare (parse, limits, validate
/// against the API schema, plan; cached per document), check the variables, run the plan and
/// shape the answer. One-subgraph operations are forwarded unchanged and answered with the
/// subgraph's own response.
/// </summary>
public sealed class GatewayExecutor(SupergraphSource source, PlanExecutor executor, SubgraphClient subgraphs, SubscriptionHub hub, GatewayOptions options, GatewayMetrics metrics, ILogger<GatewayExecutor> logger)
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>SPEC §4: variables that do not fit their types are invalid input (Hive Gateway tags them so too).</summary>
    public const string VariablesInvalid = "VALIDATION_FAILED";

    private static readonly GraphQLSerializer Serializer = new();
    private static readonly DocumentValidator Validator = new();
    private static readonly DocumentExecuter Executer = new();

    public PreparedOperation Prepare(GatewayRequest request)
    {
        var schema = source.Current;
        if (schema.Operations.TryGet(request.Query, request.OperationName, out var cached))
        {
            metrics.PlanCache(hit: true);
            return cached;
        }

        metrics.PlanCache(hit: false);
        var prepared = PrepareUncached(schema, request);
        schema.Operations.Add(request.Query, request.OperationName, prepared);
        return prepared;
    }

    private PreparedOperation PrepareUncached(GatewaySchema schema, GatewayRequest request)
    {
        if (DocumentLimits.CheckTokens(request.Query, options.MaxTokens) is { } tooLong)
        {
            return new PreparedOperation { Errors = [tooLong] };
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse(request.Query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 256 });
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return new PreparedOperation { Errors = [Error($"Syntax Error: {ex.Description}", ParseFailed, ex.Location.Line, ex.Location.Column)] };
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return new PreparedOperation { Errors = [DocumentLimits.Refusal("The document is nested too deeply.", "DEPTH")] };
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = request.OperationName is { } name
            ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
        if (operation is null)
        {
            var message = operations.Count == 0 ? "The document has no operation."
                : request.OperationName is null ? "Must provide operation name if query contains multiple operations."
                : $"Unknown operation named \"{request.OperationName}\".";
            return new PreparedOperation { Errors = [Error(message, ValidationFailed)] };
        }

        var rootType = operation.Operation switch
        {
            OperationType.Mutation => schema.Model.MutationType,
            OperationType.Subscription => schema.Model.SubscriptionType,
            _ => schema.Model.QueryType,
        };
        if (rootType is null)
        {
            return new PreparedOperation { Errors = [Error($"The schema has no {operation.Operation.ToString().ToLowerInvariant()} type.", ValidationFailed)] };
        }

        var selections = SelectionTree.Of(document, operation);
        if (DocumentLimits.Check(schema.Model, rootType, selections, options) is { } refusal)
        {
            return new PreparedOperation { Operation = operation, Errors = [refusal] };
        }

        var validation = Validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema.Api,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = null,
        }).GetAwaiter().GetResult();
        var errors = validation.Errors.Where(e => e is not InvalidVariableError).Select(e => Error(e.Message, ValidationFailed, e.Locations)).ToList();
        if (!options.Introspection && HasIntrospection(selections))
        {
            errors.Add(Error("Introspection is disabled.", ValidationFailed));
        }

        if (errors.Count > 0)
        {
            // The operation is kept so the transport can still tell a mutation sent over GET (405).
            return new PreparedOperation { Operation = operation, Errors = errors };
        }

        try
        {
            return new PreparedOperation { Document = document, Operation = operation, Plan = schema.Planner.Plan(document, operation) };
        }
        catch (PlanningException ex)
        {
            logger.LogError(ex, "An operation could not be planned");
            return new PreparedOperation { Errors = [Error(ex.Message, ValidationFailed)] };
        }
    }

    /// <summary>Variables checked against their declared types (graphql-dotnet's coercion, no other rules).</summary>
    public IReadOnlyList<JsonObject>? CheckVariables(PreparedOperation prepared, JsonElement variables)
    {
        if (!prepared.HasVariables)
        {
            return null;
        }

        Inputs inputs;
        try
        {
            inputs = variables.ValueKind == JsonValueKind.Object ? Serializer.ReadNode<Inputs>(variables) ?? Inputs.Empty : Inputs.Empty;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return [Error("The variables are not a JSON object of values.", VariablesInvalid)];
        }

        var result = Validator.ValidateAsync(new ValidationOptions
        {
            Schema = source.Current.Api,
            Document = prepared.Document!,
            Operation = prepared.Operation!,
            Rules = [],
            Variables = inputs,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
        }).GetAwaiter().GetResult();
        return result.IsValid ? null : [.. result.Errors.Select(e => Error(e.Message, VariablesInvalid, e.Locations))];
    }

    /// <summary>Runs a query or mutation.</summary>
    public async Task<GatewayResult> ExecuteAsync(GatewayRequest request, ForwardedHeaders headers, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var prepared = Prepare(request);
        var type = prepared.Operation?.Operation.ToString().ToLowerInvariant() ?? "invalid";
        var result = await ExecutePreparedAsync(prepared, request, headers, cancellationToken);
        metrics.Request(type, result.IsRequestError ? "rejected" : result.Errors.Count > 0 || result.Raw is { Status: not System.Net.HttpStatusCode.OK } ? "errors" : "ok", Stopwatch.GetElapsedTime(started));
        return result;
    }

    public async Task<GatewayResult> ExecutePreparedAsync(PreparedOperation prepared, GatewayRequest request, ForwardedHeaders headers, CancellationToken cancellationToken)
    {
        if (prepared.Errors is { } errors)
        {
            return GatewayResult.RequestError(errors);
        }

        var plan = prepared.Plan!;
        // A passthrough's subgraph checks the variables itself (with the same types): the gateway only
        // looks again when the subgraph refused the request, to answer with the gateway's own codes.
        if (!plan.Passthrough && CheckVariables(prepared, request.Variables) is { } variableErrors)
        {
            return GatewayResult.RequestError(variableErrors);
        }

        using var activity = GatewayMetrics.Source.StartActivity("graphql " + plan.Operation.ToString().ToLowerInvariant());
        activity?.SetTag("graphql.operation.name", prepared.Operation!.Name?.StringValue);
        activity?.SetTag("graphql.fetches", plan.FetchCount);

        if (plan.Passthrough)
        {
            try
            {
                var root = plan.Roots[0];
                var raw = await subgraphs.ForwardAsync(root.Graph, request.Query, request.OperationName, request.Variables, headers, plan.Operation == OperationType.Query, cancellationToken);
                if (raw.Status == System.Net.HttpStatusCode.BadRequest && CheckVariables(prepared, request.Variables) is { } refused)
                {
                    return GatewayResult.RequestError(refused);
                }

                return new GatewayResult { Raw = raw, HasData = raw.Status != System.Net.HttpStatusCode.BadRequest };
            }
            catch (SubgraphUnavailableException ex)
            {
                return new GatewayResult
                {
                    HasData = true,
                    Data = null,
                    Errors = [.. plan.Roots[0].RootKeys.Select(k => PlanExecutor.Unavailable(ex.Subgraph, [k]))],
                };
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Variables that cannot even be written as JSON (a lone surrogate in a string).
                return GatewayResult.RequestError(CheckVariables(prepared, request.Variables)
                    ?? [Error("The variables hold text that is not valid Unicode.", VariablesInvalid)]);
            }
        }

        var state = plan.Roots.Count == 0
            ? new ExecutionState([])
            : await executor.ExecuteAsync(plan, request.Variables, headers, cancellationToken);
        var introspection = plan.Introspection ? await IntrospectAsync(prepared, request, state.Errors, cancellationToken) : null;
        return Shape(prepared, request.Variables, state, introspection);
    }

    /// <summary>
    /// A subscription: the root fetch's stream (shared with every identical subscription through the
    /// hub), each event completed by entity fetches and shaped for this client.
    /// </summary>
    public async IAsyncEnumerable<GatewayResult> SubscribeAsync(PreparedOperation prepared, GatewayRequest request, ForwardedHeaders headers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = prepared.Plan!;
        var root = plan.Roots[0];
        var (document, operationName, names) = plan.Passthrough
            ? (request.Query, request.OperationName, (IReadOnlyList<string>?)null)
            : (root.Document, null, root.Variables);
        metrics.SubscriptionOpened();
        // A subscription lives as long as the token it was started with: at its expiry it ends with
        // UNAUTHENTICATED (reason expired) and the client signs in again. The subgraph checked the token
        // when the stream started; the gateway only reads when it runs out.
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (TokenExpiry.Of(headers.Authorization) is { } expiresAt)
        {
            var left = expiresAt - DateTimeOffset.UtcNow;
            expiry.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        try
        {
            var events = hub.SubscribeAsync(root.Graph, document, operationName, request.Variables, names, headers, expiry.Token);
            await using var enumerator = events.GetAsyncEnumerator(expiry.Token);
            while (true)
            {
                GatewayResult? failure = null;
                SharedEvent? item = null;
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        yield break;
                    }

                    item = enumerator.Current;
                }
                catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    failure = Ended("The subscription ended because its token expired; sign in again and subscribe again.", "UNAUTHENTICATED", null, "expired");
                }
                catch (SubgraphUnavailableException ex)
                {
                    failure = Ended($"Subscription ended: {ex.Message}", PlanExecutor.SubgraphUnavailable, ex.Subgraph);
                }
                catch (SubscriberOverflowException ex)
                {
                    failure = Ended(ex.Message, SubscriptionOverflow, null);
                }

                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }

                if (plan.Passthrough || item!.Payload["data"] is not JsonObject)
                {
                    // The subgraph's event is the client's event: the bytes serialised once for everyone.
                    yield return new GatewayResult { Raw = new RawResponse(System.Net.HttpStatusCode.OK, null, item!.Utf8), HasData = true };
                    continue;
                }

                var state = await executor.CompleteEventAsync(root, (JsonObject)item.Payload.DeepClone(), request.Variables, headers, cancellationToken);
                yield return Shape(prepared, request.Variables, state, null);
            }
        }
        finally
        {
            metrics.SubscriptionClosed();
        }
    }

    /// <summary>Code of a subscription ended because its client fell too far behind.</summary>
    public const string SubscriptionOverflow = "SUBSCRIPTION_OVERFLOW";

    private static GatewayResult Ended(string message, string code, string? subgraph, string? reason = null)
    {
        var extensions = new JsonObject { ["code"] = code };
        if (subgraph is not null) extensions["serviceName"] = subgraph;
        if (reason is not null) extensions["reason"] = reason;
        return new GatewayResult { Errors = [new JsonObject { ["message"] = message, ["extensions"] = extensions }] };
    }

    private GatewayResult Shape(PreparedOperation prepared, JsonElement variables, ExecutionState state, JsonObject? introspection)
    {
        var plan = prepared.Plan!;
        var shaper = new ResultShaper(source.Current.Model, prepared.Operation!, variables, state.Errors);
        var data = shaper.Shape(plan.RootType, plan.Selections, state.Data, introspection);
        return new GatewayResult { Data = data, HasData = true, Errors = state.Errors };
    }

    /// <summary>Answers <c>__schema</c> and <c>__type</c> from the API schema (graphql-dotnet's introspection), nothing else.</summary>
    private async Task<JsonObject?> IntrospectAsync(PreparedOperation prepared, GatewayRequest request, List<JsonObject> errors, CancellationToken cancellationToken)
    {
        var result = await Executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = source.Current.Api,
            Document = prepared.Document,
            OperationName = request.OperationName,
            Variables = request.Variables.ValueKind == JsonValueKind.Object ? Serializer.ReadNode<Inputs>(request.Variables) : Inputs.Empty,
            ValidationRules = [],
            CachedDocumentValidationRules = [],
            CancellationToken = cancellationToken,
        });
        var json = JsonNode.Parse(Serializer.Serialize(result)) as JsonObject;
        return json?["data"] as JsonObject;
    }

    private static bool HasIntrospection(IEnumerable<Selection> selections) =>
        selections.Any(s => s switch
        {
            FieldSelection f => f.Name is "__schema" or "__type",
            FragmentSelection fragment => HasIntrospection(fragment.Children),
            _ => false,
        });

    public static JsonObject Error(string message, string code, int line = 0, int column = 0)
    {
        var error = new JsonObject { ["message"] = message };
        if (line > 0)
        {
            error["locations"] = new JsonArray(new JsonObject { ["line"] = line, ["column"] = column });
        }

        error["extensions"] = new JsonObject { ["code"] = code };
        return error;
    }

    private static JsonObject Error(string message, string code, IEnumerable<GraphQLParser.Location>? locations)
    {
        var error = new JsonObject { ["message"] = message };
        var list = locations?.Select(l => (JsonNode)new JsonObject { ["line"] = l.Line, ["column"] = l.Column }).ToArray();
        if (list is { Length: > 0 }) error["locations"] = new JsonArray(list);
        error["extensions"] = new JsonObject { ["code"] = code };
        return error;
    }
}
