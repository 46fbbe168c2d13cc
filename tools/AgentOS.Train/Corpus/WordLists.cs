namespace AgentOS.Train.Corpus;

/// <summary>The word lists the task families draw values from; <see cref="ValuePartition"/> splits each between training and held-out.</summary>
internal static class WordLists
{
    /// <summary>Lowercase nouns for the text tasks, the ones held-out requests draw from. Only "puzzle" is also a word of a
    /// phrasing template (two of them); it stays, since removing it would change the held-out set.</summary>
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

    /// <summary>
    /// More nouns, which only training requests draw from (with <see cref="Nouns"/>, see <see cref="TrainingNouns"/>);
    /// held-out requests keep drawing from <see cref="Nouns"/> alone, so the evaluation set does not change.
    /// </summary>
    /// <remarks>
    /// With the ~210 training nouns of <see cref="Nouns"/> alone, each seen hundreds of times, the model learned them
    /// whole and wrote a remembered noun for a held-out one that starts the same way ("pepper" → "pearl", "pocket" →
    /// "poodle", "whale" → "ale"), while it copied made-up words. Five times as many nouns make copying the way to
    /// get a real word right, as it is for a made-up one. None is a word of a phrasing template.
    /// </remarks>
    public static IReadOnlyList<string> ExtraNouns { get; } =
    [
        "ant", "bee", "bird", "cow", "dog", "duck", "fish", "fox", "frog", "goat", "hen", "horse", "lamb", "lion",
        "mouse", "mule", "owl", "pig", "pony", "rat", "sheep", "snake", "toad", "wolf", "yak", "bear", "deer",
        "moose", "bison", "camel", "llama", "hippo", "rhino", "zebu", "gecko", "iguana", "python", "cobra", "viper",
        "lemur", "sloth", "mole", "shrew", "vole", "badger", "beaver", "weasel", "ferret", "mink", "stoat", "skunk",
        "hedgehog", "porcupine", "squirrel", "chipmunk", "hamster", "gerbil", "raccoon", "possum", "opossum",
        "wombat", "platypus", "kangaroo", "wallaby", "gorilla", "chimp", "baboon", "gibbon", "jaguar", "leopard",
        "cheetah", "panther", "cougar", "lynx", "bobcat", "hyena", "jackal", "coyote", "dingo", "buffalo", "antelope",
        "gazelle", "impala", "giraffe", "elephant", "narwhal", "orca", "porpoise", "manatee", "seahorse", "starfish",
        "jellyfish", "octopus", "squid", "clam", "mussel", "scallop", "crab", "prawn", "snail", "slug", "worm",
        "leech", "cricket", "grasshopper", "locust", "mantis", "moth", "butterfly", "dragonfly", "ladybug", "hornet",
        "termite", "flea", "tick", "mosquito", "gnat", "scorpion", "centipede", "millipede", "crow", "dove", "finch",
        "gull", "hawk", "heron", "ibis", "jay", "kite", "lark", "loon", "magpie", "martin", "ostrich", "emu",
        "parakeet", "peacock", "penguin", "pheasant", "plover", "puffin", "quail", "rook", "stork", "swift", "thrush",
        "toucan", "vulture", "warbler", "woodpecker", "albatross", "cardinal", "canary", "condor", "cuckoo",
        "flamingo", "grouse", "hummingbird", "kingfisher", "nightingale", "osprey", "partridge", "starling",
        "swallow", "turkey", "carp", "cod", "eel", "haddock", "halibut", "herring", "mackerel", "minnow", "perch",
        "pike", "salmon", "sardine", "shark", "sole", "trout", "tuna", "anchovy", "bass", "catfish", "flounder",
        "grouper", "marlin", "snapper", "sturgeon", "swordfish", "tilapia", "acre", "alley", "anvil", "apron", "arch",
        "arena", "armor", "arrow", "attic", "avenue", "axe", "axle", "bacon", "bagel", "bakery", "balcony", "ballad",
        "balloon", "band", "bandage", "banjo", "banner", "barn", "barrel", "basin", "bath", "bathtub", "battery",
        "bay", "beach", "bead", "beak", "beam", "bean", "bed", "bedroom", "beef", "beer", "bell", "belt", "bench",
        "berry", "bicycle", "bike", "bin", "blade", "blender", "blouse", "board", "boat", "bolt", "bomb", "bone",
        "bonnet", "boot", "booth", "border", "bow", "bowl", "bracelet", "brake", "branch", "brick", "broom", "brush",
        "bubble", "buckle", "bud", "bugle", "bulb", "bull", "bumper", "bun", "bundle", "bunk", "bus", "bush", "cable",
        "cafe", "cage", "cake", "camp", "canal", "cane", "canoe", "canvas", "cap", "cape", "car", "card", "cart",
        "carton", "cash", "cask", "cattle", "cave", "ceiling", "cellar", "cement", "chain", "chair", "cheese",
        "chest", "chicken", "chin", "chip", "chisel", "chocolate", "church", "cigar", "cinema", "city", "clay",
        "cliff", "closet", "cloth", "coat", "cocoa", "coconut", "coffee", "coin", "collar", "colt", "comb", "cone",
        "cord", "cork", "corn", "cottage", "couch", "court", "cousin", "crane", "cream", "crib", "crown", "crumb",
        "crust", "cube", "cuff", "cup", "curtain", "cushion", "dagger", "dam", "dart", "dawn", "deck", "den", "desk",
        "dew", "diamond", "dice", "dish", "ditch", "dock", "doll", "dome", "door", "dough", "drain", "drawer",
        "dress", "drum", "dune", "dust", "ear", "earth", "easel", "egg", "elbow", "elm", "envelope", "eraser", "fan",
        "farm", "fence", "ferry", "field", "fig", "file", "film", "fire", "flag", "flame", "flask", "fleet", "flint",
        "flock", "floor", "flour", "flute", "foam", "fog", "foot", "fork", "fort", "frame", "fridge", "fringe",
        "fruit", "fudge", "fur", "furnace", "gate", "gear", "gem", "glass", "globe", "glue", "goal", "gold", "gong",
        "gown", "grain", "grape", "grass", "grill", "groove", "guard", "gum", "gutter", "hair", "hall", "halo", "ham",
        "hammock", "handle", "hanger", "harp", "hat", "hatch", "hay", "heart", "hedge", "heel", "hill", "hinge",
        "hive", "hoe", "hood", "hook", "hoop", "horn", "hose", "hotel", "hut", "ink", "inn", "iron", "jaw", "jeans",
        "jewel", "jug", "juice", "keg", "kernel", "key", "kiln", "king", "kit", "knee", "knife", "knob", "knot",
        "lace", "lake", "lamp", "lap", "latch", "lawn", "lead", "leaf", "leash", "ledge", "leg", "lens", "lid",
        "lime", "lip", "lock", "locket", "log", "loom", "lumber", "lunch", "mail", "mall", "map", "mask", "mast",
        "mat", "meal", "meat", "medal", "menu", "mesh", "mine", "mint", "mitt", "moat", "moon", "mop", "moss",
        "mound", "mouth", "mud", "mug", "nail", "nest", "net", "nose", "notch", "note", "nut", "oak", "oar", "oat",
        "oil", "orbit", "oven", "pad", "page", "pail", "paint", "pan", "pants", "parcel", "park", "paw", "pea",
        "peach", "pear", "pedal", "peg", "pen", "pie", "pier", "pin", "pine", "pipe", "pit", "pitcher", "plank",
        "plant", "plate", "plow", "plug", "pole", "pond", "pool", "porch", "port", "post", "pot", "pouch", "powder",
        "puddle", "pulley", "pump", "purse", "rack", "raft", "rag", "rail", "rain", "rake", "ramp", "rib", "rice",
        "ring", "road", "robe", "rock", "rod", "roof", "room", "root", "rope", "rose", "rug", "ruler", "sack", "sail",
        "salt", "sand", "sauce", "saw", "scale", "school", "screw", "sea", "shed", "sheet", "ship", "shirt", "shoe",
        "shore", "shrub", "sieve", "silo", "sink", "skate", "ski", "skirt", "sky", "sled", "slide", "slipper",
        "smoke", "snow", "sock", "sofa", "soil", "soup", "spade", "spear", "spice", "spike", "spool", "spring",
        "sprout", "stair", "stamp", "star", "steam", "steel", "stem", "stick", "stool", "storm", "straw", "stream",
        "street", "sun", "swing", "sword", "tack", "tail", "tank", "tape", "tea", "tent", "thorn", "thread", "throne",
        "tile", "tin", "tire", "toe", "tongue", "tooth", "torch", "towel", "toy", "track", "tractor", "trail", "tray",
        "tree", "trowel", "truck", "trunk", "tub", "tube", "tusk", "twig", "vine", "wand", "wax", "well", "wick",
        "wig", "wind", "wing", "wire", "wok", "wood", "yard", "almond", "apricot", "avocado", "beet", "blueberry",
        "broccoli", "cabbage", "celery", "chestnut", "cinnamon", "clove", "cranberry", "cucumber", "currant", "date",
        "dill", "eggplant", "fennel", "grapefruit", "guava", "hazelnut", "kale", "leek", "lentil", "lettuce",
        "lychee", "mandarin", "okra", "papaya", "parsley", "parsnip", "pecan", "persimmon", "pineapple", "pistachio",
        "plantain", "pomegranate", "quince", "radish", "raspberry", "rhubarb", "rosemary", "sage", "shallot",
        "strawberry", "thyme", "truffle", "yam", "zucchini", "pretzel", "pancake", "crepe", "dumpling", "omelet",
        "pudding", "sorbet", "taco", "tart", "toffee", "brownie", "cracker", "custard", "doughnut", "fritter",
        "granola", "jam", "ketchup", "lollipop", "marmalade", "mayonnaise", "meringue", "mousse", "oatmeal",
        "popcorn", "porridge", "ravioli", "risotto", "sausage", "scone", "stew", "syrup", "accordion", "bassoon",
        "cello", "clarinet", "cymbal", "harmonica", "lute", "mandolin", "oboe", "organ", "piano", "piccolo",
        "saxophone", "sitar", "tambourine", "trombone", "tuba", "ukulele", "viola", "xylophone", "zither", "airplane",
        "ambulance", "barge", "blimp", "buggy", "caravan", "carriage", "chariot", "coach", "cruiser", "dinghy",
        "freighter", "glider", "helicopter", "jeep", "limousine", "minivan", "moped", "motorcycle", "rickshaw",
        "rowboat", "schooner", "scooter", "sedan", "skateboard", "steamer", "submarine", "taxi", "tram", "trolley",
        "tugboat", "unicycle", "van", "yacht", "agate", "amber", "basalt", "cobble", "coal", "graphite", "gypsum",
        "jade", "jasper", "limestone", "mica", "obsidian", "onyx", "opal", "pumice", "ruby", "sandstone", "shale",
        "slate", "talc", "abbey", "barracks", "bungalow", "cathedral", "chalet", "dungeon", "fortress", "garage",
        "greenhouse", "hangar", "kennel", "mansion", "monastery", "palace", "pavilion", "pyramid", "shack",
        "skyscraper", "stadium", "temple", "tepee", "villa", "warehouse", "windmill", "archer", "barber",
        "blacksmith", "butcher", "captain", "carpenter", "chef", "clerk", "cobbler", "cook", "courier", "dancer",
        "detective", "diver", "drummer", "editor", "fisherman", "florist", "gardener", "glazier", "grocer", "guide",
        "hunter", "janitor", "jeweler", "judge", "knight", "lawyer", "librarian", "locksmith", "mason", "mayor",
        "merchant", "miner", "musician", "nurse", "painter", "pilot", "plumber", "poet", "potter", "priest",
        "printer", "prince", "queen", "ranger", "sculptor", "senator", "sheriff", "shepherd", "singer", "soldier",
        "surgeon", "tailor", "tanner", "tutor", "umpire", "waiter", "weaver", "writer", "atlas", "ballot", "binder",
        "booklet", "brochure", "catalog", "chart", "comic", "diary", "journal", "ledger", "magazine", "manual",
        "memo", "novel", "pamphlet", "poster", "recipe", "scroll", "sketch", "textbook", "backpack", "bangle",
        "beret", "blazer", "bowtie", "briefcase", "brooch", "cardigan", "cloak", "corset", "coverall", "earring",
        "goggles", "hairpin", "handbag", "headband", "hoodie", "jersey", "kimono", "kilt", "legging", "necklace",
        "overall", "pajamas", "parka", "poncho", "pendant", "satchel", "shawl", "sneaker", "sombrero", "stocking",
        "suitcase", "sweater", "tiara", "toga", "tunic", "turban", "tuxedo", "vest", "visor", "wristband", "cauldron",
        "colander", "funnel", "grater", "ladle", "mixer", "mortar", "pestle", "platter", "saucer", "skillet",
        "spatula", "teapot", "thermos", "toaster", "tongs", "whisk", "blizzard", "breeze", "cavern", "crater",
        "creek", "delta", "fjord", "geyser", "gorge", "grove", "gulf", "hail", "hillside", "iceberg", "inlet", "isle",
        "lava", "marsh", "mesa", "moor", "mountain", "peak", "plain", "plateau", "prairie", "rapids", "reef", "ridge",
        "savanna", "shoal", "slope", "summit", "swamp", "thicket", "tide", "volcano", "waterfall", "wetland",
        "anklet", "antenna", "bobbin", "bracket", "buzzer", "candlestick", "cannon", "carousel", "chandelier",
        "clipboard", "compass", "crossbow", "doorbell", "dumbbell", "faucet", "flashlight", "footstool", "gadget",
        "goblet", "harness", "hourglass", "jukebox", "keyboard", "kettledrum", "lectern", "magnifier", "mailbox",
        "mattress", "megaphone", "microscope", "monitor", "mousetrap", "notebook", "padlock", "paintbrush",
        "paperclip", "parachute", "pedestal", "pendulum", "periscope", "pinwheel", "pitchfork", "plunger",
        "projector", "propeller", "pushpin", "quiver", "radiator", "rattle", "recliner", "saddlebag", "sandbag",
        "scaffold", "scissors", "seesaw", "shutter", "skylight", "slingshot", "snorkel", "spindle", "stapler",
        "stethoscope", "stopwatch", "sundial", "tablecloth", "telescope", "thermometer", "toothbrush", "trampoline",
        "treadmill", "tripod", "trophy", "turnstile", "typewriter", "vacuum", "wardrobe", "wheelbarrow", "windshield",
        "wrench",
    ];

    /// <summary>The nouns training requests draw from: <see cref="Nouns"/> and <see cref="ExtraNouns"/>.</summary>
    public static IReadOnlyList<string> TrainingNouns { get; } = [.. Nouns, .. ExtraNouns];

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
