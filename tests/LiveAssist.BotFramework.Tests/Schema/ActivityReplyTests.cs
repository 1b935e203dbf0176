using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.Tests.Schema;

public sealed class ActivityReplyTests
{
    private static Activity Incoming(string type = ActivityTypes.Message, string channel = "msteams") => new()
    {
        Type = type,
        Id = "in-1",
        ChannelId = channel,
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        From = new ChannelAccount("29:user", "Ada"),
        Recipient = new ChannelAccount("28:bot", "LiveAssist"),
        Conversation = new ConversationAccount { Id = "a:1", TenantId = "t1", ConversationType = "personal" },
        Locale = "es-ES",
    };

    [Fact]
    public void CreateReply_SwapsAddressesAndThreadsToIncoming()
    {
        var reply = Incoming().CreateReply("hola");

        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("bot", reply.From.Role);
        Assert.Equal("29:user", reply.Recipient!.Id);
        Assert.Equal("t1", reply.Conversation!.TenantId);
        Assert.Equal("in-1", reply.ReplyToId);
        Assert.Equal("es-ES", reply.Locale);
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }

    [Fact]
    public void CreateReply_BotChoosesAnotherLanguage_LocaleKept()
        => Assert.Equal("zh", Incoming().CreateReply("您好", "zh").Locale);

    [Theory]
    [InlineData("directline")]
    [InlineData("webchat")]
    public void CreateReply_ToConversationUpdateOnWebChat_NoReplyToId(string channel)
        => Assert.Null(Incoming(ActivityTypes.ConversationUpdate, channel).CreateReply("welcome").ReplyToId);

    [Fact]
    public void CreateReply_ToConversationUpdateOnTeams_Threads()
        => Assert.Equal("in-1", Incoming(ActivityTypes.ConversationUpdate).CreateReply("welcome").ReplyToId);

    [Fact]
    public void RemoveRecipientMention_StripsOnlyTheBotsMention()
    {
        var activity = Incoming();
        activity.Text = "<at>Bob</at> and <at>LiveAssist</at>&nbsp;MOQ for this?";
        activity.Entities =
        [
            Mention("29:bob", "Bob"),
            Mention("28:bot", "LiveAssist"),
        ];

        Assert.Equal("<at>Bob</at> and  MOQ for this?", MentionText.RemoveRecipientMention(activity));
    }

    [Fact]
    public void RemoveRecipientMention_NoEntities_TextUnchanged()
    {
        var activity = Incoming();
        activity.Text = "  MOQ?  ";
        Assert.Equal("  MOQ?  ", MentionText.RemoveRecipientMention(activity));
    }

    private static Entity Mention(string id, string name) => ActivitySerializer.Deserialize(System.Text.Json.JsonSerializer.Serialize(new
    {
        type = "message",
        entities = new[] { new { type = "mention", text = $"<at>{name}</at>", mentioned = new { id, name } } },
    })).Entities![0];
}
