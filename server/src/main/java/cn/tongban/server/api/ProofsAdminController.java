package cn.tongban.server.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.ServiceItemDto;
import cn.tongban.api.model.ServiceItemInputDto;
import cn.tongban.api.proofs.ProofsAdminApi;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.admin.ServiceItemAdmin;

/** Data administrators maintain service items and their retained proof lists (docs/STANDARDS.md §5). */
@RestController
@PreAuthorize("denyAll")
public class ProofsAdminController implements ProofsAdminApi {

    private final ServiceItemAdmin admin;
    private final AdminActions actions;
    private final Actors actors;

    public ProofsAdminController(ServiceItemAdmin admin, AdminActions actions, Actors actors) {
        this.admin = admin;
        this.actions = actions;
        this.actors = actors;
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ServiceItemDto> createServiceItem(ServiceItemInputDto in) {
        ServiceItem item = CatalogueDtos.serviceItem(in, null);
        ServiceItem saved = actions.run(
                "SERVICE_ITEM_CREATE",
                in.getCode(),
                () -> admin.create(item, actors.current().name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(ProofsController.dto(saved, 1));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ServiceItemDto> updateServiceItem(String code, ServiceItemInputDto in) {
        ServiceItem item = CatalogueDtos.serviceItem(in, code);
        ServiceItem saved = actions.run(
                "SERVICE_ITEM_UPDATE",
                code,
                () -> admin.update(
                        code,
                        CatalogueDtos.requireVersion(in.getVersion()),
                        item,
                        actors.current().name()));
        return ResponseEntity.ok(ProofsController.dto(saved, admin.version(code)));
    }
}
