package dev.colloquy.transfer;

import dev.colloquy.domain.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a database (or one project of it) in the export format: the header, then projects, tags
 * and tokens, then each conversation followed by its messages in seq order. Every part is read in
 * key order, so the same data gives the same bytes whichever database holds it.
 */
public final class Exporter {

    private final int batchSize;

    public Exporter(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Lines written per type. */
    public Map<String, Long> export(Side source, Optional<String> projectName, Writer out, Progress progress) {
        var reader = new RowReader(source);
        var counts = new LinkedHashMap<String, Long>();
        try {
            List<Row> projects = all(reader, Tables.PROJECT).stream()
                    .filter(p ->
                            projectName.map(name -> name.equals(p.get("name"))).orElse(true))
                    .toList();
            if (projectName.isPresent() && projects.isEmpty()) {
                // Refused before a single line is written.
                throw new TransferException(
                        "the " + source.description() + " has no project named '" + projectName.get() + "'");
            }
            out.write(ExportFormat.header());
            out.write('\n');
            var projectIds = new HashSet<Object>();
            projects.forEach(p -> projectIds.add(p.get("id")));
            counts.put("project", write(out, "project", projects));

            var tagNames = new HashMap<UUID, String>();
            var tags = new ArrayList<Row>();
            for (Row tag : all(reader, Tables.TAG)) {
                tagNames.put((UUID) tag.get("id"), (String) tag.get("name"));
                if (projectIds.contains(tag.get("project_id"))) {
                    tags.add(tag);
                }
            }
            counts.put("tag", write(out, "tag", tags));
            List<Row> tokens = all(reader, Tables.API_TOKEN).stream()
                    .filter(t -> projectIds.contains(t.get("project_id")))
                    .toList();
            counts.put("token", write(out, "token", tokens));
            conversations(reader, out, projectIds, tagNames, counts, progress);
            // A kept answer belongs to its token's project, as the conversation it wrote does.
            var tokenIds = new HashSet<Object>();
            tokens.forEach(t -> tokenIds.add(t.get("id")));
            long answers = 0;
            for (var rows = reader.all(Tables.IDEMPOTENT_REQUEST, Optional.empty(), batchSize); rows.hasNext(); ) {
                Row row = rows.next();
                if (tokenIds.contains(row.get("token_id"))) {
                    out.write(ExportFormat.line("idempotentRequest", row, Optional.empty()));
                    out.write('\n');
                    answers++;
                }
            }
            counts.put("idempotentRequest", answers);
            out.flush();
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export: " + e.getMessage(), e);
        }
    }

    private void conversations(
            RowReader reader,
            Writer out,
            Set<Object> projectIds,
            Map<UUID, String> tagNames,
            Map<String, Long> counts,
            Progress progress)
            throws IOException {
        progress.begin("export", "conversation", reader.count(Tables.CONVERSATION));
        Iterator<Row> conversations = reader.all(Tables.CONVERSATION, Optional.empty(), batchSize);
        Iterator<Row> links = reader.all(Tables.CONVERSATION_TAG, Optional.empty(), batchSize);
        Iterator<Row> messages =
                reader.all(Tables.MESSAGE.orderedBy(List.of("conversation_id", "seq")), Optional.empty(), batchSize);
        Row link = links.hasNext() ? links.next() : null;
        Row message = messages.hasNext() ? messages.next() : null;
        long conversationLines = 0;
        long messageLines = 0;
        long done = 0;
        while (conversations.hasNext()) {
            Row conversation = conversations.next();
            UUID id = (UUID) conversation.get("id");
            boolean wanted = projectIds.contains(conversation.get("project_id"));
            var names = new ArrayList<String>();
            // Both streams are in conversation order; rows before this conversation belong to none.
            while (link != null && before((UUID) link.get("conversation_id"), id) <= 0) {
                if (link.get("conversation_id").equals(id)) {
                    names.add(tagNames.get((UUID) link.get("tag_id")));
                }
                link = links.hasNext() ? links.next() : null;
            }
            if (wanted) {
                names.sort(null);
                out.write(ExportFormat.line("conversation", conversation, Optional.of(names)));
                out.write('\n');
                conversationLines++;
            }
            while (message != null && before((UUID) message.get("conversation_id"), id) <= 0) {
                if (wanted && message.get("conversation_id").equals(id)) {
                    out.write(ExportFormat.line("message", message, Optional.empty()));
                    out.write('\n');
                    messageLines++;
                }
                message = messages.hasNext() ? messages.next() : null;
            }
            if (++done % batchSize == 0) {
                progress.advance(done);
            }
        }
        progress.end(done);
        counts.put("conversation", conversationLines);
        counts.put("message", messageLines);
    }

    private static int before(UUID a, UUID b) {
        return Ids.compare(a, b);
    }

    private List<Row> all(RowReader reader, Table table) {
        var rows = new ArrayList<Row>();
        reader.all(table, Optional.empty(), batchSize).forEachRemaining(rows::add);
        return rows;
    }

    private static long write(Writer out, String type, List<Row> rows) throws IOException {
        for (Row row : rows) {
            out.write(ExportFormat.line(type, row, Optional.empty()));
            out.write('\n');
        }
        return rows.size();
    }
}
