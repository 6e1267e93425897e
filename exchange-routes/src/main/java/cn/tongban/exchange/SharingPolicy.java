package cn.tongban.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.auth.AuthorisationDecision;
import cn.tongban.catalog.auth.Decision;

/**
 * The sharing rules of docs/STANDARDS.md §4 as the exchange enforces them: the catalogue's
 * {@link AuthorisationDecision} (the same decision its check endpoint answers), its refusals mapped to the
 * exchange's errors:
 * <ul>
 *   <li>a draft or a retired resource: {@link ExchangeError#RESOURCE_NOT_PUBLISHED};</li>
 *   <li>requested fields that are not information items of the resource: a malformed request (400,
 *       {@link ExchangeError#INVALID_PULL_REQUEST}), whatever the sharing type;</li>
 *   <li>不予共享 (not shared): {@link ExchangeError#RESOURCE_NOT_SHARED};</li>
 *   <li>无条件共享 (unconditional): served to any registered consumer (authentication happened before), every
 *       item or the requested subset;</li>
 *   <li>有条件共享 (conditional): no authorisation in force for this consumer and resource (none, pending, refused,
 *       revoked, expired, not yet valid): {@link ExchangeError#NO_AUTHORISATION}; in force, but for another purpose
 *       or service item: {@link ExchangeError#PURPOSE_MISMATCH}; fields outside it:
 *       {@link ExchangeError#FIELD_NOT_AUTHORISED}. Asking for no fields means "what I am authorised for" (field
 *       minimisation is the authorisation's, not the consumer's, choice).</li>
 * </ul>
 */
public final class SharingPolicy implements ExchangePolicy {

    private final AuthorisationSource authorisations;

    public SharingPolicy(AuthorisationSource authorisations) {
        this.authorisations = authorisations;
    }

    @Override
    public Grant authorise(PullRequest request, Resource resource, Instant at) {
        Decision d = AuthorisationDecision.decide(
                resource,
                authorisations.held(request.consumerSystem(), resource.code()),
                request.consumerSystem(),
                request.purpose(),
                request.serviceItem(),
                request.fields(),
                at);
        return switch (d.reason()) {
            case GRANTED -> new Grant(Set.copyOf(d.allowedFields()), d.authorisationId());
            case UNKNOWN_FIELDS ->
                throw new ExchangeException(
                        ExchangeError.INVALID_PULL_REQUEST,
                        "unknown fields requested",
                        sorted(
                                d.deniedFields(),
                                f -> "fields: " + f + " is not an information item of " + resource.code()),
                        null);
            case NOT_SHARED ->
                throw new ExchangeException(
                        ExchangeError.RESOURCE_NOT_SHARED, resource.code() + " is not shared" + basis(resource));
            case PURPOSE_MISMATCH ->
                throw new ExchangeException(
                        ExchangeError.PURPOSE_MISMATCH,
                        "the authorisations of " + request.consumerSystem() + " for " + resource.code()
                                + " were approved for another purpose or service item");
            case FIELDS_NOT_AUTHORISED ->
                throw new ExchangeException(
                        ExchangeError.FIELD_NOT_AUTHORISED,
                        "fields outside the authorisation",
                        sorted(d.deniedFields(), f -> "fields: " + f + " is not authorised"),
                        null);
            case RESOURCE_NOT_PUBLISHED ->
                throw new ExchangeException(
                        ExchangeError.RESOURCE_NOT_PUBLISHED,
                        resource.code() + " is " + resource.status() + ", not published");
            default ->
                throw new ExchangeException(
                        ExchangeError.NO_AUTHORISATION,
                        request.consumerSystem()
                                + " holds no approved, unexpired authorisation for " + resource.code() + " ("
                                + d.reason()
                                + ": " + d.detail() + ")");
        };
    }

    /**
     * Refuses a resource that is not published (a draft, or retired): it may not be pulled, subscribed to, have
     * events published or datasets stored. Also for the provider's own operations, which the sharing rules do not
     * otherwise govern.
     */
    public static void requirePublished(Resource resource) {
        if (resource.status() != ResourceStatus.PUBLISHED) {
            throw new ExchangeException(
                    ExchangeError.RESOURCE_NOT_PUBLISHED,
                    resource.code() + " is " + resource.status() + ", not published");
        }
    }

    private static List<String> sorted(List<String> fields, java.util.function.Function<String, String> message) {
        return new TreeSet<>(fields).stream().map(message).toList();
    }

    private static String basis(Resource r) {
        return r.sharingBasis() == null || r.sharingBasis().isBlank() ? "" : " (" + r.sharingBasis() + ")";
    }
}
