namespace AgentOS.Train.Corpus;

/// <summary>The word lists the task families draw values from; <see cref="ValuePartition"/> splits each between training and held-out.</summary>
internal static class WordLists
{
    /// <summary>Lowercase nouns for the text tasks; none is a word of a phrasing template, so a value is never confused with the template.</summary>
    public static IReadOnlyList<string> Nouns { get; } =
    [
        "apple", "garden", "river", "window", "pencil", "rabbit", "candle", "basket", "button", "carpet",
        "castle", "cherry", "cookie", "dragon", "feather", "forest", "guitar", "hammer", "island", "jacket",
        "kettle", "ladder", "lemon", "mirror", "monkey", "needle", "orange", "parrot", "pepper", "pillow",
        "planet", "pocket", "puzzle", "rocket", "saddle", "silver", "spider", "spoon", "summer", "tiger", "tomato",
        "turtle", "violin", "wallet", "winter", "yellow", "zebra", "anchor", "banana", "bottle", "bridge", "butter",
        "camera", "carrot", "circle", "cloud", "copper", "cotton", "desert", "doctor", "dollar", "engine", "finger",
        "flower", "garlic", "ginger", "glove", "hollow", "honey", "insect", "jungle", "kitten", "lantern", "marble",
        "meadow", "melon", "motor", "ocean", "onion", "oyster", "paper", "pebble", "pirate", "pumpkin",
        "quilt", "radio", "ribbon", "sailor", "salad", "shadow", "shovel", "silk", "sister", "soap", "socket",
        "sugar", "teacher", "thunder", "ticket", "tunnel", "valley", "velvet", "wagon", "walnut", "water", "whale",
        "willow", "wizard", "wool", "yogurt", "acorn", "badge", "beetle", "blanket", "bucket", "cabin", "canyon",
        "cedar", "chimney", "clover", "comet", "coral", "crayon", "daisy", "dentist", "dinner", "eagle", "falcon",
        "farmer", "fiddle", "fossil", "goose", "gravel", "harbor", "helmet", "hermit", "igloo", "jelly", "kayak",
        "koala", "lagoon", "lizard", "lobster", "magnet", "maple", "mitten", "muffin", "napkin", "noodle", "nutmeg",
        "otter", "paddle", "panda", "peanut", "pickle", "pigeon", "pillar", "plum", "poodle", "potato", "prism",
        "puppy", "raisin", "raven", "robin", "rooster", "sandal", "scarf", "seal", "shell", "sparrow", "squash",
        "stable", "statue", "stove", "sunset", "swan", "tablet", "thimble", "timber", "toast", "tulip", "umbrella",
        "unicorn", "vase", "vessel", "waffle", "walrus", "wheel", "whistle", "wren", "yarn", "zipper", "bamboo",
        "beacon", "biscuit", "blossom", "boulder", "bramble", "bronze", "cactus", "candy", "cargo", "cashew",
        "cereal", "chalk", "cobalt", "crystal", "cupboard", "denim", "dolphin", "donkey", "dusk", "emerald",
        "fabric", "fern", "flannel", "fountain", "galaxy", "garnet", "glacier", "granite", "hazel", "horizon",
        "iris", "ivory", "jasmine", "jigsaw", "kiwi", "lilac", "linen", "lotus", "mango", "meteor", "mustard",
        "nectar", "nickel", "oasis", "olive", "orchid", "pastel", "pearl", "pelican", "quartz", "rainbow", "riddle",
        "saffron", "sapphire", "sequin", "shrimp", "sleigh", "spinach", "sponge", "stencil", "tangerine", "thistle",
        "topaz", "trumpet", "tundra", "turnip", "vanilla", "wasp", "wheat", "zinc",
    ];

    /// <summary>First names for word problems.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "Anna", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Henry", "Iris", "Jack", "Kate", "Leo", "Maria",
        "Nina", "Oscar", "Paul", "Rosa", "Sam", "Tina", "Victor", "Wendy", "Yusuf", "Zoe", "Alice", "Bruno", "Clara",
        "Diego", "Elena", "Frank", "Hugo", "Ines", "Jonas", "Lara", "Marco", "Nora", "Omar", "Petra", "Quinn",
        "Ruth", "Simon", "Tara", "Ugo", "Vera", "Walter", "Xenia", "Yara", "Adam", "Bella", "Colin", "Dora", "Eric",
        "Fiona", "Gina", "Hans", "Ivan", "Julia", "Karl", "Lina", "Mila", "Nico", "Olga", "Pedro", "Rita", "Sofia",
        "Tom", "Ulla", "Vince",
    ];

    /// <summary>Plural countable things for word problems.</summary>
    public static IReadOnlyList<string> Items { get; } =
    [
        "apples", "pens", "books", "coins", "stamps", "cards", "marbles", "cookies", "shells", "stickers", "pencils",
        "candles", "buttons", "flowers", "tickets", "bottles", "boxes", "eggs", "oranges", "cups", "plates",
        "chairs", "keys", "rings", "socks", "balls", "bricks", "shirts", "hats", "lemons",
    ];

    /// <summary>Surnames for the founders in the document collection.</summary>
    public static IReadOnlyList<string> Surnames { get; } =
    [
        "Abbot", "Baker", "Carter", "Dalton", "Ellis", "Fisher", "Gray", "Hayes", "Irwin", "Jones", "Keller", "Lane",
        "Morgan", "Nash", "Owens", "Price", "Quill", "Reed", "Stone", "Turner", "Upton", "Vance", "Walsh", "Young",
    ];
}
