using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NocodeAI.IntegrationTests.Notices;

namespace NocodeAI.IntegrationTests.BadInput;

/// <summary>
/// Issue 7, the bad-input corpus: malformed requests, document bombs, wrong and hostile values,
/// forged tokens and role escalation, each sent through the gateway and straight to a subgraph.
/// Every one must get a clear GraphQL or HTTP error with a code — never a 5xx, never internals —
/// and the system must answer normally afterwards.
/// </summary>
[Collection(NocodeSystem.CollectionName)]
public sealed class BadInputCorpusTests(NocodeSystem system, ITestOutputHelper output)
{
    private const string RequestModel = "mutation R($input: RequestModelInput!) { requestModel(input: $input) { id name state } }";

    /// <summary>What would tell an attacker how the service is built.</summary>
    private static readonly string[] Internals =
        ["   at ", "System.", "Npgsql", "NocodeAI.", "Exception", "StackTrace", "/work/", ".cs:line", "SELECT ", "INSERT INTO", "node_modules"];

    private readonly NocodeSystem _system = system.Attach(output);

    public enum Target
    {
        Gateway,
        Subgraph,
    }

    private Uri Endpoint(Target target) => target == Target.Gateway ? _system.GatewayUrl : new Uri(NocodeSystem.ServiceUrl("models"), "/graphql");

    public static TheoryData<string, Target, string, string> MalformedRequests()
    {
        var data = new TheoryData<string, Target, string, string>();
        var cases = new (string Name, string ContentType, string Body)[]
        {
            ("truncated JSON", "application/json", "{\"query\": \"{ __typename"),
            ("empty body", "application/json", ""),
            ("JSON array", "application/json", "[1, 2, 3]"),
            ("JSON string", "application/json", "\"{ __typename }\""),
            ("query is a number", "application/json", "{\"query\": 123}"),
            ("query is an object", "application/json", "{\"query\": {\"a\": 1}}"),
            ("no query", "application/json", "{\"variables\": {}}"),
            ("variables is a string", "application/json", "{\"query\": \"{ __typename }\", \"variables\": \"x\"}"),
            ("not JSON at all", "application/json", "\u0001\u0002garbage\u00ff"),
            ("plain text", "text/plain", "{ __typename }"),
            ("XML", "application/xml", "<query>{ __typename }</query>"),
            ("unknown operationName", "application/json", "{\"query\": \"query A { __typename }\", \"operationName\": \"B\"}"),
            ("two operations, no name", "application/json", "{\"query\": \"query A { __typename } query B { __typename }\"}"),
            ("unknown field", "application/json", "{\"query\": \"{ nope }\"}"),
            ("syntax error", "application/json", "{\"query\": \"{ modelRequests(first: ) }\"}"),
            ("fragment cycle", "application/json", "{\"query\": \"{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }\"}"),
            ("unused variable of unknown type", "application/json", "{\"query\": \"query($v: Nope) { __typename }\"}"),
            ("lone surrogate in a used variable", "application/json", "{\"query\": \"query($id: ID!) { modelRequest(id: $id) { id } }\", \"variables\": {\"id\": \"\\ud800\"}}"),
            ("NUL in the query", "application/json", "{\"query\": \"{ modelRequest(id: \\\"a\\u0000b\\\") { id } }\"}"),
        };
        foreach (var target in Enum.GetValues<Target>())
        {
            foreach (var (name, contentType, body) in cases)
            {
                data.Add(name, target, contentType, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_request_gets_a_coded_4xx_or_GraphQL_error(string name, Target target, string contentType, string body)
    {
        var answer = await PostAsync(target, body, contentType);

        AssertCleanRefusal(name, answer);
    }

    public static TheoryData<string, Target> Bombs() => new()
    {
        { "alias bomb", Target.Gateway },
        { "alias bomb", Target.Subgraph },
        { "deep introspection", Target.Gateway },
        { "deep introspection", Target.Subgraph },
        { "deep entity nesting", Target.Gateway },
        { "wide selection of expensive lists", Target.Subgraph },
        { "oversized variables (2 MB)", Target.Subgraph },
        { "oversized body (40 MB)", Target.Gateway },
        { "oversized body (40 MB)", Target.Subgraph },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_document_or_body_bomb_is_refused_quickly_with_a_code(string name, Target target)
    {
        var query = name switch
        {
            "alias bomb" => "{ " + string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"a{i}: modelRequests(first: 100) {{ totalCount }}")) + " }",
            "deep introspection" => "{ __schema { types { fields { type " + string.Concat(Enumerable.Repeat("{ ofType ", 40)) + "{ name }" + string.Concat(Enumerable.Repeat(" }", 40)) + " } } } }",
            "deep entity nesting" => "{ modelRequests(first: 1) { edges { node " + string.Concat(Enumerable.Repeat("{ targets { model ", 12)) + "{ id }" + string.Concat(Enumerable.Repeat(" } }", 12)) + " } } } }",
            "wide selection of expensive lists" => "{ " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"a{i}: modelRequests(first: 100) {{ edges {{ node {{ id name history {{ state at by note }} }} }} }}")) + " }",
            _ => "query($v: String) { __typename v: __typename }",
        };
        object? variables = name.StartsWith("oversized variables", StringComparison.Ordinal) ? new { v = new string('x', 2_000_000) } : null;
        var body = JsonSerializer.Serialize(new { query, variables });
        if (name.StartsWith("oversized body", StringComparison.Ordinal))
        {
            body = JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { v = new string('x', 40_000_000) } });
        }

        var answer = await PostAsync(target, body, "application/json", DevUser.Analyst);

        AssertCleanRefusal(name, answer);
        Assert.True(answer.Status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest || answer.Result.HasErrors,
            $"{name} was executed: {Shorten(answer.Body)}");
    }

    public static TheoryData<string, string> HostileValues() => new()
    {
        { "SQL injection", "Robert'); DROP TABLE model_requests;--" },
        { "script", "<script>alert(document.cookie)</script>" },
        { "right-to-left override", "\u202Eevil\u202C model" },
        { "zero-width joiners", "churn\u200B\u200D\u2060model" },
        { "emoji and Hangul", "😀💥 이탈 예측 모델" },
        { "combining marks", "Z\u0351\u0359\u0353a\u0364\u0354l\u0346g\u0350o" },
        { "JSON-looking", "{\"$ne\": null}" },
        { "template-looking", "{{7*7}} ${7*7} #{7*7}" },
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task A_hostile_name_is_stored_as_data_and_read_back_verbatim(string why, string name)
    {
        var client = await _system.ClientAsync(DevUser.Analyst);
        var created = (await client.SendAsync(RequestModel, new { input = ValidInput(name) })).EnsureSuccess();
        var id = created.Field("requestModel.id").GetString()!;
        try
        {
            var read = (await client.SendAsync("query Q($id: ID!) { modelRequest(id: $id) { name } }", new { id })).EnsureSuccess();
            Assert.True(name == read.Field("modelRequest.name").GetString(), $"{why}: the name did not come back verbatim");
        }
        finally
        {
            await _system.Models.CancelQuietlyAsync(id);
        }
    }

    public static TheoryData<string, string> InvalidValues() => new()
    {
        { "NUL character", "a\u0000b" },
        { "only spaces", "     " },
        { "101 characters", new string('x', 101) },
        { "101 Hangul syllables", new string('가', 101) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task An_invalid_name_is_VALIDATION_FAILED_and_creates_nothing(string why, string name)
    {
        var client = await _system.ClientAsync(DevUser.Analyst);
        var before = await CountMineAsync(client);

        var answer = await client.SendAsync(RequestModel, new { input = ValidInput(name) });

        Assert.True(answer.ErrorCode() == "VALIDATION_FAILED", $"{why}: {answer}");
        AssertNoInternals(why, answer.Body);
        Assert.Equal(before, await CountMineAsync(client));
    }

    public static TheoryData<string, string, string> WrongTypes() => new()
    {
        { "object for ID", "query Q($id: ID!) { modelRequest(id: $id) { id } }", "{\"id\": {\"a\": 1}}" },
        { "null for non-null", "query Q($id: ID!) { modelRequest(id: $id) { id } }", "{\"id\": null}" },
        { "missing variable", "query Q($id: ID!) { modelRequest(id: $id) { id } }", "{}" },
        { "string for Int", "query Q($n: Int) { modelRequests(first: $n) { totalCount } }", "{\"n\": \"ten\"}" },
        { "Int overflow", "query Q($n: Int) { modelRequests(first: $n) { totalCount } }", "{\"n\": 99999999999999}" },
        { "negative page size", "query Q($n: Int) { modelRequests(first: $n) { totalCount } }", "{\"n\": -5}" },
        { "unknown enum", "mutation R($input: RequestModelInput!) { requestModel(input: $input) { id } }", "{\"input\": {\"name\": \"x\", \"dataset\": \"telco_churn\", \"label\": \"churned\", \"features\": [\"tenure_months\"], \"algorithm\": \"GPT\"}}" },
        { "NaN fraction", "mutation R($input: RequestModelInput!) { requestModel(input: $input) { id } }", "{\"input\": {\"name\": \"x\", \"dataset\": \"telco_churn\", \"label\": \"churned\", \"features\": [\"tenure_months\"], \"algorithm\": \"FAST_TREE\", \"validationFraction\": \"NaN\"}}" },
        { "unknown input field", "mutation R($input: RequestModelInput!) { requestModel(input: $input) { id } }", "{\"input\": {\"name\": \"x\", \"dataset\": \"telco_churn\", \"label\": \"churned\", \"features\": [\"tenure_months\"], \"algorithm\": \"FAST_TREE\", \"isAdmin\": true}}" },
        { "10,000 features", "mutation R($input: RequestModelInput!) { requestModel(input: $input) { id } }", "{\"input\": {\"name\": \"x\", \"dataset\": \"telco_churn\", \"label\": \"churned\", \"features\": [" + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"\"f{i}\"")) + "], \"algorithm\": \"FAST_TREE\"}}" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_wrong_value_type_gets_a_coded_error(string why, string query, string variablesJson)
    {
        var token = await _system.TokenAsync(DevUser.Analyst);
        var answer = await PostAsync(Target.Gateway, $"{{\"query\": {JsonSerializer.Serialize(query)}, \"variables\": {variablesJson}}}", "application/json", token: token);

        AssertCleanRefusal(why, answer);
    }

    public static TheoryData<string> UnknownIds() => new() { "not-a-guid", "00000000-0000-0000-0000-000000000000", "'; DROP TABLE x;--", "../../etc/passwd", new string('9', 5000) };

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task An_unknown_or_malformed_id_is_NOT_FOUND_for_every_entity(string id)
    {
        var client = await _system.ClientAsync(DevUser.Admin);
        foreach (var query in new[]
                 {
                     "query Q($id: ID!) { modelRequest(id: $id) { id } }",
                     "query Q($id: ID!) { targetRequest(id: $id) { id } }",
                     "mutation M($id: ID!) { approveModel(id: $id) { id } }",
                     "mutation M($id: ID!) { cancelTarget(id: $id) { id } }",
                 })
        {
            var answer = await client.SendAsync(query, new { id });
            Assert.True(answer.ErrorCode() is "NOT_FOUND" or "VALIDATION_FAILED", $"{query} with {Shorten(id)}: {answer}");
            AssertNoInternals(query, answer.Body);
        }
    }

    public static TheoryData<string> ForgedTokens() => new()
    {
        "signed by another key",
        "alg none",
        "HS256 keyed with the public key",
        "expired an hour ago",
        "not valid for another hour",
        "wrong audience",
        "wrong issuer",
        "payload edited to ADMIN",
        "empty bearer",
        "two tokens",
        "Basic scheme",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_or_stale_token_is_UNAUTHENTICATED_and_sees_nothing(string how)
    {
        var authorization = await ForgeAsync(how);
        var answer = await PostAsync(Target.Gateway, JsonSerializer.Serialize(new { query = "{ me { username } modelRequests(first: 1) { totalCount } }" }), "application/json", authorization: authorization);

        Assert.True(answer.Result.ErrorCodes().Contains("UNAUTHENTICATED"), $"{how}: {answer.Body}");
        Assert.True(answer.Result.FieldOrNull("me") is null or { ValueKind: JsonValueKind.Null }, $"{how} signed someone in: {answer.Body}");
        AssertNoInternals(how, answer.Body);
    }

    [Fact]
    public async Task A_forged_token_on_a_WebSocket_subscription_gets_no_events()
    {
        const string Subscription = "subscription { noticeReceived { id kind subjectId } }";
        var forged = await ForgeAsync("payload edited to ADMIN");
        var analyst = await _system.ClientAsync(DevUser.Analyst);
        var notices = new NoticesApi(_system);
        await notices.EnsureReadyAsync();
        var mine = (await analyst.SendAsync(RequestModel, new { input = ValidInput(ModelRequestsApi.UniqueName("ws forged")) })).EnsureSuccess().Field("requestModel.id").GetString()!;
        try
        {
            // The analyst's own subscription is the witness: once it has the notice of the cancel below, a
            // forged one (the analyst's token with its roles edited) that leaked would have had it too.
            await using var witnessSocket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, await _system.TokenAsync(DevUser.Analyst));
            var before = await notices.ActiveSubscriptionsAsync();
            await using var witness = await witnessSocket.SubscribeAsync(Subscription);
            await notices.WaitForSubscriptionAsync(before);

            GraphQLWebSocketClient socket;
            IGraphQLStream stream;
            try
            {
                socket = await GraphQLWebSocketClient.ConnectAsync(_system.GatewayUrl, forged["Bearer ".Length..]);
                stream = await socket.SubscribeAsync(Subscription);
            }
            catch (Exception ex) when (IsRefusal(ex))
            {
                // Refusing the connection outright is just as good: nothing can be delivered.
                _system.Log($"The forged WebSocket was refused: {ex.Message}");
                return;
            }

            await using (socket)
            await using (stream)
            {
                var answer = FirstAnswerAsync(stream);

                // Answered (refused) or, if it leaks, live at the notices subgraph before the change it could leak.
                await NoticesApi.EventuallyAsync(async () => answer.IsCompleted || await notices.ActiveSubscriptionsAsync() > before + 1,
                    TimeSpan.FromSeconds(20), "the forged subscription to be answered or to reach the notices subgraph");
                await _system.Models.CancelQuietlyAsync(mine);
                await WaitForNoticeAsync(witness, mine, "REQUEST_CANCELED");

                if (!answer.IsCompleted)
                {
                    _system.Log("The forged subscription stayed silent while the analyst's own received the notice.");
                    return;
                }

                var (first, ended) = await answer;
                _system.Log(first is null ? $"The forged subscription was ended: {ended}" : $"The forged subscription was answered: {first}");
                Assert.True(first is null || first.ErrorCode() == "UNAUTHENTICATED", $"A forged token received: {first}");
            }
        }
        finally
        {
            await _system.Models.CancelQuietlyAsync(mine);
        }
    }

    private static bool IsRefusal(Exception ex) => ex is GraphQLStreamException or IOException or System.Net.WebSockets.WebSocketException;

    /// <summary>The first result of <paramref name="stream"/>, or null with why when it ends without one.</summary>
    private static async Task<(GraphQLResult? First, string? Ended)> FirstAnswerAsync(IGraphQLStream stream)
    {
        try
        {
            await foreach (var result in stream.ReadAllAsync())
            {
                return (result, null);
            }

            return (null, "completed by the server");
        }
        catch (Exception ex) when (IsRefusal(ex) || ex is ObjectDisposedException or OperationCanceledException)
        {
            return (null, ex.Message);
        }
    }

    private static async Task WaitForNoticeAsync(IGraphQLStream stream, string subjectId, string kind)
    {
        using var timeout = new CancellationTokenSource(NoticesApi.NoticeTimeout);
        var seen = new List<string>();
        try
        {
            await foreach (var result in stream.ReadAllAsync(timeout.Token))
            {
                var notice = result.EnsureSuccess().Field("noticeReceived");
                if (notice.RequiredText("subjectId") == subjectId && notice.RequiredText("kind") == kind)
                {
                    return;
                }

                seen.Add($"{notice.RequiredText("kind")} about {notice.RequiredText("subjectId")}");
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new Xunit.Sdk.XunitException(
            $"The analyst's own subscription did not receive {kind} about {subjectId} within {NoticesApi.NoticeTimeout.TotalSeconds:0} s; it saw: {string.Join(", ", seen)}");
    }

    public static TheoryData<string, string> Escalations() => new()
    {
        { "approveModel", "mutation M($id: ID!) { approveModel(id: $id) { id } }" },
        { "rejectModel", "mutation M($id: ID!) { rejectModel(id: $id, reason: \"mine now\") { id } }" },
        { "approveTarget", "mutation M($id: ID!) { approveTarget(id: $id) { id } }" },
        { "createUser", "mutation { createUser(input: { username: \"mallory\", password: \"correct horse battery\", displayName: \"M\", roles: [ADMIN] }) { id } }" },
        { "assignRoles", "mutation { assignRoles(userId: \"00000000-0000-0000-0000-000000000001\", roles: [ADMIN]) { id } }" },
        { "setUserDisabled", "mutation { setUserDisabled(userId: \"00000000-0000-0000-0000-000000000001\", disabled: true) { id } }" },
        { "users", "{ users { username } }" },
    };

    [Theory]
    [MemberData(nameof(Escalations))]
    public async Task An_analyst_reaching_above_their_role_is_FORBIDDEN(string operation, string query)
    {
        var analyst = await _system.ClientAsync(DevUser.Analyst);
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "escalation");
        try
        {
            var answer = await analyst.SendAsync(query, query.Contains("$id", StringComparison.Ordinal) ? new { id = request.Id } : null);
            Assert.True(answer.ErrorCode() == "FORBIDDEN", $"{operation}: {answer}");
            AssertNoInternals(operation, answer.Body);
            Assert.Equal("REQUESTED", (await _system.Models.GetSnapshotAsync(DevUser.Admin, request.Id)).State);
        }
        finally
        {
            await _system.Models.CancelQuietlyAsync(request.Id);
        }
    }

    [Fact]
    public async Task Another_analysts_request_cannot_be_read_cancelled_or_targeted()
    {
        var request = await _system.Models.RequestValidAsync(DevUser.Analyst, "someone else's");
        try
        {
            var other = await _system.ClientAsync(DevUser.Analyst2);
            GraphQLAssert.Error(await other.SendAsync("query Q($id: ID!) { modelRequest(id: $id) { id name } }", new { id = request.Id }), "NOT_FOUND");
            GraphQLAssert.Error(await other.SendAsync("mutation M($id: ID!) { cancelModel(id: $id) { id } }", new { id = request.Id }), "NOT_FOUND");
            var listed = (await other.SendAsync("{ modelRequests(first: 100) { edges { node { id } } } }")).EnsureSuccess();
            Assert.DoesNotContain(request.Id, listed.Body, StringComparison.Ordinal);
            Assert.Equal("REQUESTED", (await _system.Models.GetSnapshotAsync(DevUser.Admin, request.Id)).State);
        }
        finally
        {
            await _system.Models.CancelQuietlyAsync(request.Id);
        }
    }

    [Fact]
    public async Task After_the_corpus_every_service_is_healthy_and_answers()
    {
        // Runs in the same collection as the corpus; whatever order xunit picks, it proves a hostile
        // neighbour leaves the system serving.
        foreach (var body in new[] { "{\"query\": \"{", "\u0000", "{\"query\": \"{ " + new string('{', 10_000) + "\"}" })
        {
            AssertCleanRefusal("warm-up", await PostAsync(Target.Gateway, body, "application/json"));
        }

        await _system.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        var client = await _system.ClientAsync(DevUser.Analyst);
        var answer = (await client.SendAsync("{ me { username } datasets { name } }")).EnsureSuccess();
        Assert.Equal("analyst", answer.Field("me.username").GetString());
    }

    private sealed record Answer(HttpStatusCode Status, string Body, GraphQLResult Result);

    private async Task<Answer> PostAsync(Target target, string body, string contentType, DevUser? user = null, string? token = null, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(target)) { Content = new StringContent(body, Encoding.UTF8) };
        // A server refusing a huge body answers before reading it; without 100-continue the client
        // would still be writing the 40 MB into a closed socket and never see that answer.
        request.Headers.ExpectContinue = body.Length > 1_000_000;
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Accept", GraphQLClient.AcceptHeader);
        token ??= user is { } u ? await _system.TokenAsync(u) : null;
        authorization ??= token is null ? null : $"Bearer {token}";
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _system.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, GraphQLResult.Parse(response.StatusCode, text));
    }

    /// <summary>A 4xx, or a 200 whose errors carry a code; never a 5xx; no internals in the body.</summary>
    private static void AssertCleanRefusal(string name, Answer answer)
    {
        Assert.True((int)answer.Status < 500, $"{name}: HTTP {(int)answer.Status} {Shorten(answer.Body)}");
        AssertNoInternals(name, answer.Body);
        if (answer.Status == HttpStatusCode.OK)
        {
            Assert.True(answer.Result.HasErrors, $"{name} was answered without an error: {Shorten(answer.Body)}");
        }

        if (answer.Result.HasErrors)
        {
            Assert.All(answer.Result.ErrorCodes(), code => Assert.False(string.IsNullOrEmpty(code), $"{name}: an error without extensions.code: {Shorten(answer.Body)}"));
            Assert.DoesNotContain("INTERNAL_SERVER_ERROR", answer.Result.ErrorCodes());
        }
    }

    private static void AssertNoInternals(string name, string body)
    {
        foreach (var marker in Internals)
        {
            Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{name}: the answer shows '{marker}': {Shorten(body)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    private static object ValidInput(string name) =>
        new { name, dataset = "telco_churn", label = "churned", features = new[] { "tenure_months" }, algorithm = "FAST_TREE" };

    private static async Task<int> CountMineAsync(GraphQLClient client) =>
        (await client.SendAsync("{ modelRequests(first: 1) { totalCount } }")).EnsureSuccess().Field("modelRequests.totalCount").GetInt32();

    /// <summary>Authorization header values that must not sign anyone in, built from a real analyst token.</summary>
    private async Task<string> ForgeAsync(string how)
    {
        var real = await _system.TokenAsync(DevUser.Analyst);
        var parts = real.Split('.');
        var header = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var privateKey = RSA.Create();
        privateKey.ImportFromPem(await File.ReadAllTextAsync(Environment.GetEnvironmentVariable("NOCODE_JWT_PRIVATE_KEY") ?? Path.Combine(_system.Root, ".nocode", "keys", "jwt-private.pem")));

        string Sign(Dictionary<string, JsonElement> h, Dictionary<string, JsonElement> c, Func<byte[], byte[]> signer)
        {
            var unsigned = $"{Encode(h)}.{Encode(c)}";
            return $"{unsigned}.{Base64Url.EncodeToString(signer(Encoding.ASCII.GetBytes(unsigned)))}";
        }

        byte[] Rs256(byte[] data) => privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Dictionary<string, JsonElement> With(Dictionary<string, JsonElement> source, string key, object value)
        {
            var copy = new Dictionary<string, JsonElement>(source) { [key] = JsonSerializer.SerializeToElement(value) };
            return copy;
        }

        return how switch
        {
            "signed by another key" => Bearer(Sign(header, claims, data =>
            {
                using var other = RSA.Create(2048);
                return other.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            })),
            "alg none" => Bearer($"{Encode(With(header, "alg", "none"))}.{Encode(With(claims, "role", new[] { "ADMIN" }))}."),
            "HS256 keyed with the public key" => Bearer(Sign(With(header, "alg", "HS256"), claims,
                data => HMACSHA256.HashData(Encoding.ASCII.GetBytes(privateKey.ExportSubjectPublicKeyInfoPem()), data))),
            "expired an hour ago" => Bearer(Sign(header, With(With(claims, "exp", now - 3600), "nbf", now - 7200), Rs256)),
            "not valid for another hour" => Bearer(Sign(header, With(With(claims, "nbf", now + 3600), "exp", now + 7200), Rs256)),
            "wrong audience" => Bearer(Sign(header, With(claims, "aud", "someone-else"), Rs256)),
            "wrong issuer" => Bearer(Sign(header, With(claims, "iss", "evil-access"), Rs256)),
            "payload edited to ADMIN" => Bearer($"{parts[0]}.{Encode(With(claims, "role", new[] { "USER", "APPROVER", "ADMIN" }))}.{parts[2]}"),
            "empty bearer" => "Bearer ",
            "two tokens" => $"Bearer {real} Bearer {real}",
            "Basic scheme" => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("analyst:nocode-analyst")),
            _ => throw new ArgumentOutOfRangeException(nameof(how), how),
        };

        static string Bearer(string token) => $"Bearer {token}";
        static string Encode(Dictionary<string, JsonElement> part) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));
    }
}
