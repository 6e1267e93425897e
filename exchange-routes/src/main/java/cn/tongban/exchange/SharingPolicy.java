package cn.tongban.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceStatus;

/**
 * The sharing rules of docs/STANDARDS.md §4 as the exchange applies them:
 * <ul>
 *   <li>only a published resource is shared: a draft or a retired one is refused,
 *       {@link ExchangeError#RESOURCE_NOT_PUBLISHED} (the same rule as the catalogue's authorisation decision);</li>
 *   <li>不予共享 (not shared): refused, {@link ExchangeError#RESOURCE_NOT_SHARED};</li>
 *   <li>无条件共享 (unconditional): any registered consumer (authentication happened before), every item or the
 *       requested subset;</li>
 *   <li>有条件共享 (conditional): an approved authorisation valid at the instant, for this consumer and resource
 *       ({@link ExchangeError#NO_AUTHORISATION}), approved for the stated purpose and service item
 *       ({@link ExchangeError#PURPOSE_MISMATCH}), covering every requested field
 *       ({@link ExchangeError#FIELD_NOT_AUTHORISED}). Asking for no fields means "what I am authorised for"
 *       (field minimisation is the authorisation's, not the consumer's, choice).</li>
 * </ul>
 * Requested fields that are not information items of the resource are a malformed request (400), whatever the
 * sharing type.
 */
public final class SharingPolicy implements ExchangePolicy {

    private final AuthorisationSource authorisations;

    public SharingPolicy(AuthorisationSource authorisations) {
        this.authorisations = authorisations;
    }

    @Override
    public Grant authorise(PullRequest request, Resource resource, Instant at) {
        requirePublished(resource);
        Set<String> items = new LinkedHashSet<>();
        resource.items().stream().map(InformationItem::name).forEach(items::add);
        List<String> unknown = new ArrayList<>();
        for (String f : new TreeSet<>(request.fields())) {
            if (!items.contains(f)) {
                unknown.add("fields: " + f + " is not an information item of " + resource.code());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ExchangeException(ExchangeError.INVALID_PULL_REQUEST, "unknown fields requested", unknown, null);
        }
        return switch (resource.sharingType()) {
            case NOT_SHARED -> throw new ExchangeException(ExchangeError.RESOURCE_NOT_SHARED,
                    resource.code() + " is not shared" + basis(resource));
            case UNCONDITIONAL -> new Grant(request.fields().isEmpty() ? items : request.fields(), null);
            case CONDITIONAL -> conditional(request, resource, at);
        };
    }

    /**
     * Refuses a resource that is not published (a draft, or retired): it may not be pulled, subscribed to, have
     * events published or datasets stored. Also for the provider's own operations, which the sharing rules do not
     * otherwise govern.
     */
    public static void requirePublished(Resource resource) {
        if (resource.status() != ResourceStatus.PUBLISHED) {
            throw new ExchangeException(ExchangeError.RESOURCE_NOT_PUBLISHED, resource.code() + " is "
                    + resource.status() + ", not published");
        }
    }

    private Grant conditional(PullRequest request, Resource resource, Instant at) {
        List<Authorisation> valid = authorisations.approved(request.consumerSystem(), resource.code(), at).stream()
                .filter(a -> a.consumerSystem().equals(request.consumerSystem())
                        && a.resourceCode().equals(resource.code()) && a.validAt(at))
                .toList();
        if (valid.isEmpty()) {
            throw new ExchangeException(ExchangeError.NO_AUTHORISATION, request.consumerSystem()
                    + " holds no approved, unexpired authorisation for " + resource.code());
        }
        List<Authorisation> forPurpose = valid.stream()
                .filter(a -> request.purpose() != null && a.purpose().strip().equals(request.purpose().strip()))
                .filter(a -> a.serviceItem() == null || a.serviceItem().equals(request.serviceItem()))
                .toList();
        if (forPurpose.isEmpty()) {
            throw new ExchangeException(ExchangeError.PURPOSE_MISMATCH, "the authorisations of "
                    + request.consumerSystem() + " for " + resource.code()
                    + " were approved for another purpose or service item");
        }
        if (request.fields().isEmpty()) {
            Authorisation widest = forPurpose.stream().max((x, y) -> Integer.compare(x.fields().size(),
                    y.fields().size())).orElseThrow();
            return new Grant(widest.fields(), widest.id());
        }
        for (Authorisation a : forPurpose) {
            if (a.fields().containsAll(request.fields())) {
                return new Grant(request.fields(), a.id());
            }
        }
        Set<String> outside = new TreeSet<>(request.fields());
        forPurpose.forEach(a -> outside.removeAll(a.fields()));
        List<String> violations = outside.isEmpty()
                ? List.of("fields: no single authorisation covers every requested field")
                : outside.stream().map(f -> "fields: " + f + " is not authorised").toList();
        throw new ExchangeException(ExchangeError.FIELD_NOT_AUTHORISED, "fields outside the authorisation",
                violations, null);
    }

    private static String basis(Resource r) {
        return r.sharingBasis() == null || r.sharingBasis().isBlank() ? "" : " (" + r.sharingBasis() + ")";
    }
}
