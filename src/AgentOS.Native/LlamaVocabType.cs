namespace AgentOS.Native;

/// <summary><c>enum llama_vocab_type</c>: the tokenizer algorithm.</summary>
public enum LlamaVocabType
{
    /// <summary>No vocabulary.</summary>
    None = 0,

    /// <summary>SentencePiece-style BPE with byte fallback (LLaMA).</summary>
    Spm = 1,

    /// <summary>GPT-2 byte-level BPE.</summary>
    Bpe = 2,

    /// <summary>BERT WordPiece.</summary>
    Wpm = 3,

    /// <summary>T5 Unigram.</summary>
    Ugm = 4,

    /// <summary>RWKV greedy.</summary>
    Rwkv = 5,

    /// <summary>PLaMo-2.</summary>
    Plamo2 = 6,
}
