package org.certregistry.web.tally;

import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Verifications by month (newest first) and channel. */
public record TallyReport(List<Month> months) {

    public TallyReport {
        months = List.copyOf(months);
    }

    /** One month's counts; channels without a verification count 0. */
    public record Month(YearMonth month, Map<Channel, Long> counts) {

        public Month {
            EnumMap<Channel, Long> all = new EnumMap<>(Channel.class);
            for (Channel c : Channel.values()) {
                all.put(c, counts.getOrDefault(c, 0L));
            }
            counts = Map.copyOf(all);
        }

        public long count(Channel channel) {
            return counts.get(channel);
        }

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public long total() {
        return months.stream().mapToLong(Month::total).sum();
    }

    public List<Channel> channels() {
        return List.of(Channel.values());
    }
}
