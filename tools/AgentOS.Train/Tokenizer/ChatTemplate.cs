namespace AgentOS.Train.Tokenizer;

/// <summary>
/// The Jinja chat template written into the model's <c>tokenizer.chat_template</c>: ChatML with Hermes/Qwen tool
/// tokens, producing the same text as the kernel's <c>HermesToolCallFormat</c> renders (tool schemas as JSON lines
/// in <c>&lt;tools&gt;</c>, calls in <c>&lt;tool_call&gt;</c>, thinking in <c>&lt;think&gt;</c>, the results of one
/// turn in one user turn of <c>&lt;tool_response&gt;</c> blocks). The kernel renders prompts itself and uses the
/// template only to recognise the format; other runtimes (a Jinja-enabled llama-server) render with it.
/// </summary>
public static class ChatTemplate
{
    /// <summary>The template text.</summary>
    public const string Hermes =
        "{%- if messages and messages[0]['role'] == 'system' %}{%- set system = messages[0]['content'] %}{%- set rest = messages[1:] %}" +
        "{%- else %}{%- set system = none %}{%- set rest = messages %}{%- endif %}" +
        "{%- if system or tools %}" +
        "{{- '<|im_start|>system\\n' }}" +
        "{%- if system %}{{- system }}{%- endif %}" +
        "{%- if tools %}" +
        "{%- if system %}{{- '\\n\\n' }}{%- endif %}" +
        "{{- '# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>' }}" +
        "{%- for tool in tools %}{{- '\\n' }}{{- tool | tojson }}{%- endfor %}" +
        "{{- '\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\\n</tool_call>' }}" +
        "{%- endif %}" +
        "{{- '<|im_end|>\\n' }}" +
        "{%- endif %}" +
        "{%- for message in rest %}" +
        "{%- if message['role'] == 'user' %}" +
        "{{- '<|im_start|>user\\n' + message['content'] + '<|im_end|>\\n' }}" +
        "{%- elif message['role'] == 'assistant' %}" +
        "{{- '<|im_start|>assistant\\n' }}" +
        "{%- if message.get('reasoning_content') %}{{- '<think>\\n' + message['reasoning_content'].strip('\\n') + '\\n</think>\\n\\n' }}{%- endif %}" +
        "{%- if message.get('content') %}{{- message['content'].strip('\\n') }}{%- endif %}" +
        "{%- for call in message.get('tool_calls') or [] %}" +
        "{%- if call.get('function') %}{%- set call = call['function'] %}{%- endif %}" +
        "{%- if message.get('content') or not loop.first %}{{- '\\n' }}{%- endif %}" +
        "{{- '<tool_call>\\n{\"name\": ' + (call['name'] | tojson) + ', \"arguments\": ' }}" +
        "{%- if call['arguments'] is string %}{{- call['arguments'] }}{%- else %}{{- call['arguments'] | tojson }}{%- endif %}" +
        "{{- '}\\n</tool_call>' }}" +
        "{%- endfor %}" +
        "{{- '<|im_end|>\\n' }}" +
        "{%- elif message['role'] == 'tool' %}" +
        "{%- if loop.first or rest[loop.index0 - 1]['role'] != 'tool' %}{{- '<|im_start|>user' }}{%- endif %}" +
        "{{- '\\n<tool_response>\\n{\"name\": ' + (message.get('name', '') | tojson) + ', \"content\": ' + (message['content'] | tojson) + '}\\n</tool_response>' }}" +
        "{%- if loop.last or rest[loop.index0 + 1]['role'] != 'tool' %}{{- '<|im_end|>\\n' }}{%- endif %}" +
        "{%- endif %}" +
        "{%- endfor %}" +
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
}
