package dev.chorus.cli;

import dev.chorus.config.ConfigEditor;
import dev.chorus.config.ConfigEditor.NewSource;
import dev.chorus.config.ConfigException;
import dev.chorus.config.OpmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Adds the feeds of a feed reader's OPML export to feeds.yml. */
@Command(
    name = "import-opml",
    mixinStandardHelpOptions = true,
    description = "Add the feeds of an OPML file to feeds.yml.")
final class ImportOpmlCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Parameters(index = "0", description = "the OPML file")
  Path opml;

  @Override
  public Integer call() {
    try {
      if (Files.size(opml) > 16L * 1024 * 1024) {
        System.err.println("import-opml: " + opml + " is larger than 16 MiB");
        return 1;
      }
      List<NewSource> found = OpmlReader.read(Files.readAllBytes(opml));
      List<NewSource> added = ConfigEditor.append(config.file, found);
      System.out.printf(
          "%d feeds in %s, %d added to %s (%d already there)%n",
          found.size(), opml, added.size(), config.file, found.size() - added.size());
      return 0;
    } catch (IOException e) {
      System.err.println("import-opml: " + e.getMessage());
      return 1;
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }
}
