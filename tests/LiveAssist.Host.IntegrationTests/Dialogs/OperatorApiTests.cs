using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveAssist.Host.IntegrationTests.BuyerQa;
using LiveAssist.Operator.Accounts;
using LiveAssist.Testing;

namespace LiveAssist.Host.IntegrationTests.Dialogs;

/// <summary>The operator API: who may do what, what paths are refused, and that publishing changes the bot for the next turn.</summary>
public sealed class OperatorApiTests : IAsyncLifetime
{
    private const string EditorPassword = "editor-pass-1";
    private const string ViewerPassword = "viewer-pass-1";
    private static readonly string EditorHash = PasswordHash.Create(EditorPassword);
    private static readonly string ViewerHash = PasswordHash.Create(ViewerPassword);
    private string _content = null!;
    private QaHost _host = null!;

    public Task InitializeAsync()
    {
        var (root, settings) = RepoPaths.CopyContent();
        _content = root;
        var all = settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        all["Operator:Accounts:0:Name"] = "mei";
        all["Operator:Accounts:0:PasswordHash"] = EditorHash;
        all["Operator:Accounts:0:Role"] = "editor";
        all["Operator:Accounts:1:Name"] = "li";
        all["Operator:Accounts:1:PasswordHash"] = ViewerHash;
        all["Operator:Accounts:1:Role"] = "viewer";
        _host = QaHost.Start(all);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NotSignedIn_Every_OperatorCall_401()
    {
        using var client = _host.Factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (method, url) in new[] { ("GET", "/operator/api/files"), ("GET", "/operator/api/file?path=dialogs/greeting.json"), ("PUT", "/operator/api/file?path=dialogs/greeting.json"), ("POST", "/operator/api/history/1/rollback"), ("GET", "/operator/api/log"), ("POST", "/operator/api/preview") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(new { text = "{}" }) };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url}: {response.StatusCode}");
        }

        using var wrong = await client.PostAsJsonAsync("/operator/login", new { name = "mei", password = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/operator/api/files");
        forged.Headers.Add("Cookie", "liveassist.operator=CfDJ8forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Viewer_ReadsAndPreviews_ButPublishAndRollbackAre403()
    {
        using var viewer = await SignInAsync("li", ViewerPassword);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/operator/api/files")).StatusCode);
        using var preview = await viewer.PostAsJsonAsync("/operator/api/preview", new { text = "hello", locale = "en", conversation = "v1" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);

        var before = File.ReadAllText(Path.Combine(_content, "dialogs", "greeting.json"));
        using var publish = await viewer.PutAsJsonAsync("/operator/api/file?path=dialogs/greeting.json", new { text = before.Replace("greetingReply", "help", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/operator/api/history/1/rollback", null)).StatusCode);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_content, "dialogs", "greeting.json")));
    }

    [Theory]
    [InlineData("dialogs/../appsettings.json")]
    [InlineData("dialogs/..%2F..%2Fappsettings.json")]
    [InlineData("locales/en/../../appsettings.json")]
    [InlineData("/etc/passwd")]
    [InlineData("dialogs/sub/flow.json")]
    [InlineData("dialogs/Greeting.JSON")]
    [InlineData("dialogs/flow.schema.json")]
    [InlineData("appsettings.json")]
    public async Task PathOutsideTheContentFolders_Refused400_NothingWritten(string path)
    {
        using var editor = await SignInAsync("mei", EditorPassword);
        var escaped = path.Contains('%', StringComparison.Ordinal) ? path : Uri.EscapeDataString(path);

        using var read = await editor.GetAsync("/operator/api/file?path=" + escaped);
        using var write = await editor.PutAsJsonAsync("/operator/api/file?path=" + escaped, new { text = "{\"pwned\": true}" });

        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Contains("refused", (await write.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pwned", File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.json")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(_content, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("pwned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishInvalid_422WithLine_FileUntouched_BotUnchanged()
    {
        using var editor = await SignInAsync("mei", EditorPassword);
        var path = Path.Combine(_content, "dialogs", "greeting.json");
        var before = File.ReadAllText(path);

        using var response = await editor.PutAsJsonAsync("/operator/api/file?path=dialogs/greeting.json", new { text = before.Replace("\"greetingReply\"", "\"greeting.typo\"", StringComparison.Ordinal) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems")[0];
        Assert.Contains("'greeting.typo' does not exist", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Split('\n').TakeWhile(l => !l.Contains("greetingReply", StringComparison.Ordinal)).Count() + 1, problem.GetProperty("line").GetInt32());
        Assert.Equal(before, File.ReadAllText(path));
        Assert.True(LocaleFile.IsVariation("en", "greetingReply", (await _host.AskAsync("hello", "en", null))[0].GetProperty("text").GetString()));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task Publish_NextTurnUsesIt_HistoryHasDiff_RollbackRestores_AuditSaysWho()
    {
        using var editor = await SignInAsync("mei", EditorPassword);
        var path = Path.Combine(_content, "locales", "en", "bot.json");
        var original = File.ReadAllText(path);
        var promo = original.Replace(LocaleFile.Variations("en", "greetingReply").Single(), "Hello! Today only: free logo printing.", StringComparison.Ordinal);

        using var published = await editor.PutAsJsonAsync("/operator/api/file?path=locales/en/bot.json", new { text = promo, message = "promo" });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(promo, File.ReadAllText(path));
        Assert.Equal("Hello! Today only: free logo printing.", (await _host.AskAsync("hello", "en", null, "after-publish"))[0].GetProperty("text").GetString());

        var history = await editor.GetFromJsonAsync<JsonElement>("/operator/api/history?path=locales/en/bot.json");
        var (latest, baseline) = (history[0], history[1]);
        Assert.Equal(("publish", "mei"), (latest.GetProperty("action").GetString(), latest.GetProperty("author").GetString()));
        Assert.Equal("baseline", baseline.GetProperty("action").GetString());
        var diff = (await editor.GetFromJsonAsync<JsonElement>($"/operator/api/history/{latest.GetProperty("id").GetInt64()}")).GetProperty("diff").EnumerateArray()
            .Where(l => l.GetProperty("op").GetString() != " ").Select(l => l.GetProperty("op").GetString() + l.GetProperty("text").GetString()).ToList();
        Assert.Equal(2, diff.Count);
        Assert.StartsWith("-", diff[0], StringComparison.Ordinal);
        Assert.Contains("+", diff[1][..1], StringComparison.Ordinal);
        Assert.Contains("free logo printing", diff[1], StringComparison.Ordinal);

        using var rollback = await editor.PostAsync($"/operator/api/history/{baseline.GetProperty("id").GetInt64()}/rollback", null);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(original, File.ReadAllText(path));
        Assert.True(LocaleFile.IsVariation("en", "greetingReply", (await _host.AskAsync("hello", "en", null, "after-rollback"))[0].GetProperty("text").GetString()));

        var audit = (await editor.GetFromJsonAsync<JsonElement>("/operator/api/audit")).EnumerateArray().Select(a => (a.GetProperty("user").GetString(), a.GetProperty("action").GetString())).ToList();
        Assert.Contains(("mei", "publish"), audit);
        Assert.Contains(("mei", "rollback"), audit);
        Assert.Contains(("mei", "sign-in"), audit);
    }

    [Fact]
    public async Task FlowChangedUnderAWaitingConversation_RestartsPolitely_WhileUnchangedStepsKeepTheirPlace()
    {
        using var editor = await SignInAsync("mei", EditorPassword);
        await _host.AskAsync("quote request", "en", null, "keep");
        await _host.AskAsync("YW-100234", "en", null, "keep");
        await _host.AskAsync("quote request", "en", null, "moved");
        await _host.AskAsync("YW-100234", "en", null, "moved"); // both now wait at the "quantity" question

        var flow = File.ReadAllText(Path.Combine(_content, "dialogs", "quote-request.json"));
        using var renamed = await editor.PutAsJsonAsync("/operator/api/file?path=dialogs/quote-request.json",
            new { text = flow.Replace("\"id\": \"country\"", "\"id\": \"destination\"", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        // "quantity" still exists: the conversation goes on to the country question.
        Assert.True(LocaleFile.IsVariation("en", "quote.askCountry", (await _host.AskAsync("2000", "en", null, "keep"))[0].GetProperty("text").GetString()));

        // Now the step a conversation waits at is renamed: it is told, and the flow starts again.
        var current = File.ReadAllText(Path.Combine(_content, "dialogs", "quote-request.json"));
        using var again = await editor.PutAsJsonAsync("/operator/api/file?path=dialogs/quote-request.json",
            new { text = current.Replace("\"id\": \"quantity\"", "\"id\": \"howMany\"", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replies = await _host.AskAsync("2000", "en", null, "moved");
        Assert.True(LocaleFile.IsVariation("en", "flow.restarted", replies[0].GetProperty("text").GetString()));
        Assert.True(LocaleFile.IsVariation("en", "quote.askProduct", replies[1].GetProperty("text").GetString()));
    }

    [Fact]
    public async Task TextsForm_BadInputRefusedInChinese_BrokenLanguageSavesNone_GoodRowMarksTheOthers()
    {
        using var editor = await SignInAsync("mei", EditorPassword);
        using var viewer = await SignInAsync("li", ViewerPassword);
        var en = Path.Combine(_content, "locales", "en", "bot.json");
        var es = Path.Combine(_content, "locales", "es", "bot.json");
        var (enBefore, esBefore) = (File.ReadAllText(en), File.ReadAllText(es));

        foreach (var (body, title) in new (object Body, string Title)[]
        {
            (new { file = "bot", key = "../greetingReply", values = new Dictionary<string, string> { ["en"] = "Hi" } }, "文本键无效"),
            (new { file = "secrets", key = "greetingReply", values = new Dictionary<string, string> { ["en"] = "Hi" } }, "没有这个文本文件"),
            (new { file = "bot", key = "greetingReply", values = new Dictionary<string, string> { ["xx"] = "Hi" } }, "没有这种语言"),
            (new { file = "bot", key = "greetingReply", values = new Dictionary<string, string> { ["en"] = new string('a', 4001) } }, "文本太长"),
            (new { file = "bot", key = "greetingReply", values = new Dictionary<string, string>() }, "没有要保存的内容"),
        })
        {
            using var refused = await editor.PutAsJsonAsync("/operator/api/texts", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(title, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }

        using var forbidden = await viewer.PutAsJsonAsync("/operator/api/texts", new { file = "bot", key = "greetingReply", values = new Dictionary<string, string> { ["en"] = "Hi" } });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/operator/api/engines")).StatusCode);

        // English fine, Spanish with an unclosed plural: neither file changes, the problem names the Spanish file.
        using var broken = await editor.PutAsJsonAsync("/operator/api/texts", new { file = "bot", key = "greetingReply", values = new Dictionary<string, string> { ["en"] = "Hi! Welcome back.", ["es"] = "¡Hola! {n, plural, one {# oferta" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var problem = Assert.Single((await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray());
        Assert.Equal("locales/es/bot.json", problem.GetProperty("path").GetString());
        Assert.Equal((enBefore, esBefore), (File.ReadAllText(en), File.ReadAllText(es)));

        // Both fine: saved together, the bot says it at once, and every other language is out of date but these two.
        using var saved = await editor.PutAsJsonAsync("/operator/api/texts", new { file = "bot", key = "greetingReply", values = new Dictionary<string, string> { ["en"] = "Hi! Welcome back.", ["es"] = "¡Hola! Bienvenido de nuevo." } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Hi! Welcome back.", (await _host.AskAsync("hello", "en", null, "after-form"))[0].GetProperty("text").GetString());
        Assert.Contains("\"greetingReply\": \"¡Hola! Bienvenido de nuevo.\"", File.ReadAllText(es), StringComparison.Ordinal); // written readable, not \u-escaped
        var table = await editor.GetFromJsonAsync<JsonElement>("/operator/api/texts?file=bot");
        var row = table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "greetingReply");
        var stale = row.GetProperty("outOfDate").GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Contains("zh", stale);
        Assert.Contains("fr", stale);
        Assert.DoesNotContain("en", stale);
        Assert.DoesNotContain("es", stale);
        Assert.Equal("en,es", string.Join(",", row.GetProperty("outOfDate").GetProperty("changedIn").EnumerateArray().Select(l => l.GetString())));
    }

    private async Task<HttpClient> SignInAsync(string name, string password)
    {
        var client = _host.Factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/operator/login", new { name, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }
}
