using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BuyerQa.Answers;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.BuyerQa.Leads;
using LiveAssist.BuyerQa.Flows;
using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Dialogs;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Storage;
using LiveAssist.Translation;
using LiveAssist.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveAssist.BuyerQa;

public static class BuyerQaServiceCollectionExtensions
{
    /// <summary>Adds the buyer Q&A bot as the <see cref="IBot"/> running the dialog flows, the operations flows call, its handoff queue and leads (<c>buyerqa.db</c>).</summary>
    public static IServiceCollection AddBuyerQa(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BuyerQaOptions>().Bind(configuration.GetSection(BuyerQaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => CountryRecognizer.Load());
        services.TryAddSingleton<KeywordMatcher>();
        services.TryAddSingleton<QuestionReader>();
        services.TryAddSingleton<ProductResolver>();
        services.TryAddSingleton<FreightRates>();
        services.TryAddSingleton<FreightEstimator>();
        services.TryAddSingleton<ProductTextLocalizer>();
        services.TryAddSingleton<QaAnswerer>();
        services.TryAddSingleton<ChineseGist>();
        services.TryAddSingleton<ITranslator, NoTranslationEngine>();
        services.TryAddSingleton(sp => new BuyerQaDatabase(sp.OpenDataFile("buyerqa.db")));
        services.TryAddSingleton<HandoffQueue>();
        services.TryAddSingleton<IHandoffQueue>(sp => sp.GetRequiredService<HandoffQueue>());
        services.TryAddSingleton<LeadStore>();
        services.TryAddSingleton<ReplyReviewLog>();
        services.TryAddSingleton<LiveAssist.Review.IReplyReviewLog>(sp => sp.GetRequiredService<ReplyReviewLog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<LiveAssist.BotFramework.Pipeline.IMiddleware, BotReplyReview>());
        services.TryAddSingleton<ILeadStore>(sp => sp.GetRequiredService<LeadStore>());
        services.AddDialogFlows(configuration);
        services.AddComplianceReview(configuration); // merchants' replies to buyers are checked like host lines
        services.AddSingleton(BuyerTurn.Intents);
        services.AddSingleton<IFlowOperation, AnswerQuestionOperation>();
        services.AddSingleton<IFlowOperation, ProductOperation>();
        services.AddSingleton<IFlowOperation, QuoteOperation>();
        services.AddSingleton<IFlowOperation, SaveLeadOperation>();
        services.AddSingleton<IFlowOperation, HandoffOperation>();
        services.AddSingleton<IFlowOperation, ContinuePrivatelyOperation>();
        services.AddSingleton<IFlowAnswerRecognizer, QuantityAnswer>();
        services.AddSingleton<IFlowAnswerRecognizer, CountryAnswer>();
        services.AddSingleton<IFlowAnswerRecognizer, ContactAnswer>();
        services.AddSingleton<IFlowAnswerRecognizer, ProductAnswer>();
        services.AddSingleton<IFlowCard, ProductCardBuilder>();
        services.AddSingleton<IFlowCard, ChoicesCardBuilder>();
        services.AddSingleton<IBot, BuyerQaBot>();
        services.TryAddSingleton<LiveAssist.Sessions.IChatLanguages, BuyerChatLanguages>();
        return services;
    }
}
