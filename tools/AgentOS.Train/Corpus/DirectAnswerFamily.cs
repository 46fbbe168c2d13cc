using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Messages that need no tool — greetings, thanks, questions about the assistant itself, and requests no tool can
/// serve — answered directly, without a call.
/// </summary>
internal sealed class DirectAnswerFamily : TaskFamily
{
    /// <summary>The answer for each kind, and what an evaluation looks for in it.</summary>
    internal static readonly IReadOnlyDictionary<string, (string Answer, string MustContain)> Answers = new Dictionary<string, (string, string)>
    {
        ["greeting"] = ("Hello! I can do arithmetic, work with words and lists, and search your documents. What should I do?", "Hello"),
        ["identity"] = ("I am AgentOS tiny, a small model that answers by calling tools: a calculator, a JavaScript runner and a document search.", "AgentOS"),
        ["abilities"] = ("I can do arithmetic with the calculator, count, sort and change words and lists with JavaScript, and answer questions from your documents with search.", "calculator"),
        ["thanks"] = ("You are welcome!", "welcome"),
        ["goodbye"] = ("Goodbye!", "Goodbye"),
        ["unsupported"] = ("I could not do that: I have no tool for it. I can do arithmetic, work with words and lists, and search your documents.", "could not"),
    };

    public override string Name => "direct";

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        new("greeting.1", "Hello!"),
        new("greeting.2", "Hi there."),
        new("greeting.3", "Good morning!"),
        new("greeting.4", "Hey, how are you?"),
        new("greeting.5", "Hi!"),
        new("greeting.6", "Good evening."),
        new("greeting.9", "Hello there!"),
        new("greeting.10", "Hi, good to see you."),
        new("greeting.7", "Hello, nice to meet you.", HeldOut: true),
        new("greeting.8", "Hey there!", HeldOut: true),
        new("greeting.11", "Good afternoon!"),
        new("greeting.12", "Hi, is anyone there?"),
        new("greeting.13", "Hello, assistant."),
        new("greeting.14", "Morning!"),
        new("greeting.15", "Hi, how is it going?"),
        new("greeting.16", "Greetings!"),
        new("greeting.17", "Hello again."),
        new("greeting.18", "Hello, how do you do?", TrainingOnly: true),
        new("greeting.19", "Hi, how have you been?", TrainingOnly: true),
        new("greeting.20", "Good day to you!", TrainingOnly: true),
        new("greeting.21", "Hey, I am back.", TrainingOnly: true),
        new("greeting.22", "Hello, it is good to talk to you again.", TrainingOnly: true),
        new("greeting.23", "Hi! I hope you are doing fine.", TrainingOnly: true),
        new("identity.1", "Who are you?"),
        new("identity.2", "What is your name?"),
        new("identity.3", "What are you?"),
        new("identity.4", "Tell me about yourself."),
        new("identity.7", "Who am I talking to?"),
        new("identity.8", "What should I call you?"),
        new("identity.5", "Are you a person or a program?", HeldOut: true),
        new("identity.6", "Introduce yourself.", HeldOut: true),
        new("identity.9", "What's your name?"),
        new("identity.10", "Which assistant is this?"),
        new("identity.11", "Tell me your name."),
        new("identity.12", "What kind of assistant are you?"),
        new("identity.13", "Hi, who is this?"),
        new("identity.14", "What model are you?"),
        new("identity.15", "Are you a human?"),
        new("identity.16", "Am I chatting with a program?"),
        new("identity.17", "Are you a robot?", TrainingOnly: true),
        new("identity.18", "Are you a real person?", TrainingOnly: true),
        new("identity.19", "Say who you are.", TrainingOnly: true),
        new("identity.20", "Please describe yourself in one sentence.", TrainingOnly: true),
        new("identity.21", "Is this a computer program or a human?", TrainingOnly: true),
        new("identity.22", "Give me a short description of who you are.", TrainingOnly: true),
        new("abilities.1", "What can you do?"),
        new("abilities.2", "What tools do you have?"),
        new("abilities.3", "How can you help me?"),
        new("abilities.6", "What can I ask you?"),
        new("abilities.7", "What kind of tasks can you do?"),
        new("abilities.8", "What are your tools?"),
        new("abilities.4", "What are you able to do?", HeldOut: true),
        new("abilities.5", "Which tools can you use?", HeldOut: true),
        new("abilities.9", "What are you good at?"),
        new("abilities.10", "What do you know how to do?"),
        new("abilities.11", "What sort of things can I ask for?"),
        new("abilities.12", "Tell me what you can do."),
        new("abilities.13", "I'm new here. What do you do?"),
        new("abilities.14", "List your skills."),
        new("thanks.1", "Thank you!"),
        new("thanks.2", "Thanks a lot."),
        new("thanks.3", "Thanks for your help."),
        new("thanks.5", "Thanks!"),
        new("thanks.6", "Great, thank you."),
        new("thanks.4", "Thank you very much!", HeldOut: true),
        new("thanks.7", "Cheers!"),
        new("thanks.8", "Thanks, that helps."),
        new("thanks.9", "Perfect, thanks."),
        new("thanks.10", "Thank you for that."),
        new("thanks.11", "Much appreciated."),
        new("goodbye.1", "Goodbye!"),
        new("goodbye.2", "Bye."),
        new("goodbye.4", "Good night!"),
        new("goodbye.5", "Bye for now."),
        new("goodbye.3", "See you later.", HeldOut: true),
        new("goodbye.6", "Bye bye!"),
        new("goodbye.7", "That's all for today, goodbye."),
        new("goodbye.8", "I'm done, bye."),
        new("goodbye.9", "Have a nice day!"),
        new("goodbye.10", "Talk to you later."),
        new("goodbye.11", "Catch you soon!"),
        new("unsupported.1", "What is the weather in {town} today?"),
        new("unsupported.2", "Send an email to {name}."),
        new("unsupported.3", "Book a table for {n} people tonight."),
        new("unsupported.4", "Play some music."),
        new("unsupported.5", "Call {name} on the phone."),
        new("unsupported.8", "Set an alarm for {n} o'clock."),
        new("unsupported.9", "Translate this into French."),
        new("unsupported.10", "Show me a picture of a cat."),
        new("unsupported.6", "Order a pizza for {name}.", HeldOut: true),
        new("unsupported.7", "What is the news in {town} today?", HeldOut: true),
        new("unsupported.11", "Remind me about the meeting tomorrow."),
        new("unsupported.12", "Turn on the lights in the kitchen."),
        new("unsupported.13", "Text {name} that I am running late."),
        new("unsupported.14", "How long does it take to drive to {town}?"),
        new("unsupported.15", "Open my calendar."),
        new("unsupported.16", "Take a photo."),
        new("unsupported.17", "Find a flight to {town} for {n} people."),
        new("unsupported.18", "What time is it in {town} right now?"),
        new("unsupported.19", "Buy {name} a birthday present.", TrainingOnly: true),
        new("unsupported.20", "Drive me to {town}.", TrainingOnly: true),
        new("unsupported.21", "Pay my phone bill.", TrainingOnly: true),
        new("unsupported.22", "Do my laundry tonight.", TrainingOnly: true),
        new("unsupported.23", "Wake me up at {n} o'clock tomorrow.", TrainingOnly: true),
    ];

    public override Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        var (answer, mustContain) = Answers[KindOf(template)];
        builder.User(template.Fill(
            ("town", PseudoWords.DrawName(random, split)),
            ("name", PickWord(random, WordLists.Names, split)),
            ("n", CalculatorFamily.Text(Between(random, 2, 9)))));
        builder.Answer(answer);
        return Task.FromResult<IReadOnlyList<string>>([mustContain]);
    }
}
