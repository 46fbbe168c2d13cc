using AgentOS.Daemon.Store;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>
/// Writes to a task store as fast as it can, printing "committed ID EVENTS" after each task's writes
/// returned, until it is killed. The crash test kills it and checks that every committed write survived.
/// </summary>
public static class CrashWriter
{
    public static int Run(string path)
    {
        var store = TaskStore.Open(path);
        var payload = new string('x', 2000);
        while (true)
        {
            var task = store.Create(new TaskSubmission("crash test " + payload[..10]));
            store.ClaimNextQueued();
            for (var i = 0; i < 20; i++)
            {
                store.AppendEvent(task.Id, "thought", $$"""{"text":"{{payload}}"}""");
            }

            store.SaveTranscript(task.Id, $$"""{"turns":{{task.Id}}}""");
            var events = store.ReadEvents(task.Id).Count;
            Console.Out.WriteLine($"committed {task.Id} {events}");
            Console.Out.Flush();
        }
    }
}
