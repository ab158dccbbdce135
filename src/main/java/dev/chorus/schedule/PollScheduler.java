package dev.chorus.schedule;

import dev.chorus.config.Config;
import dev.chorus.config.SourceConfig;
import dev.chorus.model.SourceState;
import dev.chorus.refresh.SourceRefresher;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each source's refresh on its own schedule with Quartz: one job per source (never two at once
 * for one source), each run choosing its next time (interval, back-off, Retry-After).
 */
public final class PollScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
  private static final String GROUP = "sources";
  private static final String KEY = "chorus.poller";

  private final SourceRefresher refresher;
  private final Clock clock;
  private final AtomicReference<Config> config;
  private final Scheduler scheduler;

  public PollScheduler(SourceRefresher refresher, Config initial, Clock clock, int threads) {
    this.refresher = refresher;
    this.clock = clock;
    this.config = new AtomicReference<>(initial);
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "chorus");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    try {
      scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.getContext().put(KEY, this);
    } catch (SchedulerException e) {
      throw new IllegalStateException("scheduler could not start: " + e.getMessage(), e);
    }
  }

  /** Schedules every source of the current config and starts running. */
  public void start() {
    try {
      apply(config.get());
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("scheduler could not start: " + e.getMessage(), e);
    }
  }

  /** Switches to a new config: new sources are scheduled now, removed ones unscheduled. */
  public void reload(Config next) {
    config.set(next);
    try {
      apply(next);
    } catch (SchedulerException e) {
      log.error("could not apply the new config to the schedule", e);
    }
  }

  private void apply(Config cfg) throws SchedulerException {
    Set<String> wanted = new HashSet<>();
    for (SourceConfig s : cfg.sources()) {
      wanted.add(s.id());
      JobKey key = JobKey.jobKey(s.id(), GROUP);
      if (!scheduler.checkExists(key)) {
        JobDetail job =
            JobBuilder.newJob(RefreshJob.class).withIdentity(key).storeDurably().build();
        scheduler.addJob(job, false);
        scheduleAt(s.id(), firstRun(s));
      }
    }
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!wanted.contains(key.getName())) {
        scheduler.deleteJob(key);
        log.info("{}: removed from the config; polling stopped", key.getName());
      }
    }
  }

  private Instant firstRun(SourceConfig s) {
    SourceState st = refresher.store().source(s.id()).orElse(null);
    Instant now = clock.instant();
    // spread start-up polls over a few seconds so a large config doesn't stampede
    Instant soon = now.plusMillis(ThreadLocalRandom.current().nextLong(0, 5000));
    if (st == null || st.nextPollAt() == null || st.nextPollAt().isBefore(now)) {
      return st != null && st.gone() ? null : soon;
    }
    return st.nextPollAt();
  }

  private void scheduleAt(String id, Instant at) throws SchedulerException {
    TriggerKey tk = TriggerKey.triggerKey(id, GROUP);
    if (at == null) {
      scheduler.unscheduleJob(tk);
      return;
    }
    Trigger t =
        TriggerBuilder.newTrigger()
            .withIdentity(tk)
            .forJob(JobKey.jobKey(id, GROUP))
            .startAt(Date.from(at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    if (scheduler.checkExists(tk)) {
      scheduler.rescheduleJob(tk, t);
    } else {
      scheduler.scheduleJob(t);
    }
  }

  void run(String id) {
    SourceConfig s = config.get().source(id).orElse(null);
    if (s == null) {
      return;
    }
    refresher.refresh(s);
    SourceState st = refresher.store().source(id).orElse(null);
    Instant next = st == null ? refresher.nextPoll(s) : st.gone() ? null : st.nextPollAt();
    try {
      scheduleAt(id, next);
    } catch (SchedulerException e) {
      log.error("{}: could not schedule the next poll", id, e);
    }
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("scheduler did not shut down cleanly", e);
    }
  }

  /** The Quartz job: refresh one source, then book its next run. */
  @DisallowConcurrentExecution
  public static final class RefreshJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      try {
        PollScheduler owner = (PollScheduler) context.getScheduler().getContext().get(KEY);
        owner.run(context.getJobDetail().getKey().getName());
      } catch (SchedulerException | RuntimeException e) {
        LoggerFactory.getLogger(RefreshJob.class).error("refresh job failed", e);
      }
    }
  }
}
