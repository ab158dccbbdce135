"""Post titles and summaries used by the variant-site generator (plain text)."""

POSTS = [
    ("Why our cache hit rate lied to us", "We celebrated a 97% hit rate for a year. Then we looked at which keys were missing, and the number stopped meaning anything."),
    ("Backpressure is a feature, not a bug", "Queues that never say no end up saying it all at once. A tour of the places where refusing work early kept us upright."),
    ("The case for boring deploys", "Our most reliable release process is also the least interesting one: small diffs, one button, and a rollback nobody fears."),
    ("Reading Postgres EXPLAIN without crying", "A practical guide to the three numbers in a query plan that matter, and the dozen that mostly don't."),
    ("What a 2 a.m. page taught me about alerts", "An alert that wakes someone up should come with a decision attached. Most of ours came with a graph and a shrug."),
    ("Rust at the edges, Go in the middle", "How we ended up with two languages in one service mesh, and why the seam between them is where the bugs live."),
    ("Schema migrations you can undo", "Expand, migrate, contract: the only migration pattern that survived contact with a table of four billion rows."),
    ("Notes on idempotency keys", "Retries are inevitable; duplicates are optional. The small table that turned our payment retries from scary to dull."),
    ("Flaky tests are a product problem", "Every flaky test is a tiny tax on trust. We started tracking them like incidents, and the suite got honest again."),
    ("The hidden cost of feature flags", "Flags are cheap to add and expensive to forget. An audit of 400 stale flags and the outage one of them caused."),
    ("Designing APIs for the second client", "Your first client shapes the API; your second one tells you whether you got it right. Lessons from a painful v2."),
    ("Observability on a shoestring", "You don't need a six-figure vendor contract to see what your system is doing. Logs, a few metrics, and discipline."),
    ("Against clever code", "Clever code is written once and read a hundred times, usually by someone tired. A plea for the obvious solution."),
    ("How we cut our build from 40 minutes to 6", "Caching, splitting, and deleting. Mostly deleting. The build was slow because it did things nobody needed anymore."),
    ("Load shedding with a single counter", "A concurrency limit, a queue timeout, and a 503. The simplest overload protection we have ever shipped, and the best."),
    ("Consistent hashing, explained with pizza", "Slices, ovens, and what happens when an oven goes down. An illustrated walk through ring hashing and virtual nodes."),
    ("When to split a monolith (and when not to)", "Teams split services to fix organisational problems with network calls. Sometimes it works. Usually it doesn't."),
    ("A field guide to timeouts", "Connect, read, idle, total, and the one you forgot. Why every network call needs a deadline and who should set it."),
    ("The joy of small databases", "SQLite in production isn't a stunt. For many workloads it's the most reliable, cheapest and fastest choice you have."),
    ("On-call without burnout", "Rotations, handoffs and the habit of fixing the page that woke you. What changed when we treated on-call as a product."),
    ("Writing postmortems people actually read", "A postmortem is a story with a moral. Most of ours were timelines with no ending. Here's the template we use now."),
    ("Rate limiting at the edge", "Token buckets, sliding windows, and the surprising difficulty of counting requests across forty points of presence."),
    ("Kubernetes is not your platform", "Kubernetes is a toolkit for building a platform. Treating it as the finished product is how teams end up with YAML debt."),
    ("The unreasonable effectiveness of checklists", "Pilots and surgeons use them. We resisted for years. A short checklist before each release cut our incidents in half."),
    ("Vector search is just search", "Embeddings are a new index type, not a new discipline. Recall, latency, and freshness still decide whether it works."),
    ("Evaluating LLM features like software", "Golden sets, regression suites, and a dashboard that turns red. Treating model output like any other untrusted input."),
    ("Prompt versioning in practice", "Prompts change behaviour as much as code does. We started reviewing them the same way, and shipping them the same way."),
    ("Streaming vs batch: pick the problem first", "The debate is rarely about technology. It's about how fresh the answer must be and how much you will pay for it."),
    ("Data contracts between teams", "An informal agreement about a column is an outage waiting for a rename. How we write schemas down and enforce them."),
    ("Tracing a request across twelve services", "Context propagation, sampling, and the one service that dropped the header. A detective story in spans."),
    ("Memory leaks in garbage-collected languages", "The collector frees what you no longer reference. The leak is always something you still reference and forgot about."),
    ("The first hundred days of a platform team", "What we built, what we refused to build, and why the most valuable thing we shipped was documentation."),
    ("Caching is a distributed systems problem", "Invalidation is hard because a cache is a replica. Once we called it that, our design discussions got much shorter."),
    ("Benchmarks that don't lie (much)", "Warm-up, coordinated omission, and the percentile you should actually report. How to measure latency without fooling yourself."),
    ("Leader election in 200 lines", "A lease, a clock you don't fully trust, and fencing tokens. Building the simplest correct leader election we could."),
    ("Dependency upgrades as a habit", "Upgrading one library a week is boring. Upgrading forty at once is an incident. We chose boring."),
    ("Event sourcing regrets", "Three years in, the event log is our best asset and our heaviest burden. What I'd keep and what I'd do differently."),
    ("Designing for deletion", "Code you can delete easily is code you can change easily. A few habits that keep modules small and disposable."),
    ("What the queue length tells you", "Little's law on the back of a napkin: why queue length is the most honest metric your service exposes."),
    ("Zero-downtime Postgres upgrades", "Logical replication, a short write freeze, and a lot of rehearsal. How we moved two terabytes across major versions."),
    ("Tiny services, huge bills", "Every service carries a fixed cost in memory, pipelines and attention. We merged eleven services and saved more than money."),
    ("Code review is a conversation", "Approvals are not the point. The best reviews we have ask questions, share context, and end with both people learning."),
    ("Bloom filters in the real world", "A probabilistic structure that saved us a billion disk reads a day, and the false-positive rate we had to explain to finance."),
    ("Shipping on Fridays", "If you can't deploy on Friday, you can't really deploy on Monday either. What we changed to make any day a safe day."),
    ("A gentle introduction to CRDTs", "Counters, sets and registers that merge without coordination. The maths is lovely; the garbage collection is not."),
]

TOPICS = ["caching", "queues", "Postgres", "Kafka", "retries", "tracing", "schedulers", "load balancers",
          "feature flags", "rate limits", "SQLite", "garbage collection", "CI pipelines", "service meshes",
          "DNS", "TLS certificates", "cron jobs", "object storage", "search indexes", "embeddings",
          "log pipelines", "on-call", "code review", "incident reviews", "capacity planning", "backups"]
FORMS = ["Notes on {t}", "What I got wrong about {t}", "A short history of our {t}", "Debugging {t} at 3 a.m.",
         "The trouble with {t}", "Small lessons from {t}", "{T} in practice", "Revisiting {t}"]


def many(n):
    """n distinct extra (title, summary) pairs built from templates."""
    out = []
    i = 0
    while len(out) < n:
        t = TOPICS[i % len(TOPICS)]
        f = FORMS[(i // len(TOPICS) + i) % len(FORMS)]
        title = f.format(t=t, T=t[0].upper() + t[1:])
        if title not in [o[0] for o in out]:
            out.append((title, f"A few observations about {t} from running them in production, and what we changed afterwards."))
        i += 1
    return out
