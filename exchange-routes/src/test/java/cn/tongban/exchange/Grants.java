package cn.tongban.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;

/** Catalogue authorisations as the tests of the exchange need them. */
final class Grants {

    private Grants() {}

    /**
     * A granted authorisation, applied for and approved at {@code from}, valid over [from, to);
     * {@code serviceItem} null: for any service item.
     */
    static Authorisation granted(
            String id,
            String consumer,
            String resource,
            String purpose,
            String serviceItem,
            Set<String> fields,
            Instant from,
            Instant to) {
        return new Authorisation(
                id,
                consumer,
                resource,
                purpose,
                serviceItem,
                List.copyOf(new TreeSet<>(fields)),
                "《测试依据》",
                AuthorisationStatus.GRANTED,
                from,
                to,
                from,
                "applicant",
                null,
                from,
                "approver",
                null,
                null,
                null,
                null,
                1);
    }
}
