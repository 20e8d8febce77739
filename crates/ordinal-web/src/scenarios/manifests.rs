//! Manifests used by the scenarios. `WEB` is the StatefulSet tutorial's `web.yaml`
//! (kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/): the headless
//! Service `nginx` and the StatefulSet `web`. The others change one thing each, which the
//! scenario's narration points out.

/// The tutorial's StatefulSet: 2 replicas, OrderedReady, RollingUpdate, Retain. The very file
/// kubectl serves as `web.yaml`, kept in one place.
pub const WEB: &str = include_str!("../../../ordinal-kubectl/manifests/web.yaml");
pub const WEB_3: &str = ordinal_kubectl::web_yaml!("3", "");

/// Three replicas whose readiness comes from a probe (so it can fail). A TCP probe: the claim
/// mounted over nginx's html directory starts empty, so an HTTP probe of /index.html would fail.
pub const WEB_3_PROBE: &str = ordinal_kubectl::web_yaml!(
    "3",
    "",
    "        readinessProbe:\n          tcpSocket:\n            port: 80\n          periodSeconds: 1\n          successThreshold: 1\n          failureThreshold: 1\n"
);
pub const WEB_ON_DELETE: &str =
    ordinal_kubectl::web_yaml!("3", "  updateStrategy:\n    type: OnDelete\n");
pub const WEB_RETENTION: &str = ordinal_kubectl::web_yaml!(
    "3",
    "  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n    whenDeleted: Retain\n"
);

/// A second set beside `web`, created all at once (`podManagementPolicy: Parallel`).
pub const PAR: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: par
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: par
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: par
spec:
  serviceName: "par"
  replicas: 4
  podManagementPolicy: "Parallel"
  selector:
    matchLabels:
      app: par
  template:
    metadata:
      labels:
        app: par
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
"#;

/// Four replicas of `web` for the ordered side of the Parallel comparison.
pub const WEB_4: &str = ordinal_kubectl::web_yaml!("4", "");

/// A pod template's nginx container, the same in the cattle and the pets manifests.
macro_rules! nginx_template {
    ($app:literal) => {
        concat!(
            r#"  selector:
    matchLabels:
      app: "#,
            $app,
            r#"
  template:
    metadata:
      labels:
        app: "#,
            $app,
            r#"
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
"#
        )
    };
}

/// Cattle: the nginx app as a Deployment (3 replicas) behind a ClusterIP Service.
pub const CATTLE: &str = concat!(
    r#"apiVersion: v1
kind: Service
metadata:
  name: cattle
spec:
  ports:
  - port: 80
    name: web
  selector:
    app: cattle
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cattle
spec:
  replicas: 3
"#,
    nginx_template!("cattle")
);

/// Pets: the same nginx app as a StatefulSet (3 replicas, a claim each) behind a headless Service.
pub const PETS: &str = concat!(
    r#"apiVersion: v1
kind: Service
metadata:
  name: pets
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: pets
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: pets
spec:
  serviceName: pets
  replicas: 3
"#,
    nginx_template!("pets"),
    r#"        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
"#
);

/// Cattle for the rolling-update comparison: 4 replicas, surging 2 new pods at once and never
/// dropping below 4 available.
pub const CATTLE_SURGE: &str = concat!(
    r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: cattle
spec:
  replicas: 4
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 2
      maxUnavailable: 0
"#,
    nginx_template!("cattle")
);

/// A bare pod, put on node-2 by hand: no controller will ever recreate it.
pub const BARE_POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: bare
  labels:
    app: bare
spec:
  nodeName: node-2
  containers:
  - name: nginx
    image: registry.k8s.io/nginx-slim:0.21
"#;

/// A database run as a ReplicaSet: three replicas whose template names one claim, `data`, on a
/// network disk (ReadWriteOnce: attached to one node at a time).
pub const DB_RS: &str = concat!(
    r#"apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: network-disk
provisioner: pd.csi.storage.gke.io
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: network-disk
  accessModes: [ "ReadWriteOnce" ]
  resources:
    requests:
      storage: 1Gi
---
"#,
    ordinal_kubectl::mysql_yaml!(
        "ReplicaSet",
        "db",
        "",
        "",
        "3",
        r#"      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: data
"#
    )
);

/// The same ReplicaSet on the default (node-local) class: the scheduler puts every replica on
/// the volume's node, so all of them run — and all write into the same directory.
pub const DB_LOCAL_RS: &str = concat!(
    r#"apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: local-data
spec:
  accessModes: [ "ReadWriteOnce" ]
  resources:
    requests:
      storage: 1Gi
---
"#,
    ordinal_kubectl::mysql_yaml!(
        "ReplicaSet",
        "db-local",
        "",
        "",
        "3",
        r#"      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: local-data
"#
    )
);

#[cfg(test)]
mod tests {
    /// The variants are `ordinal_kubectl::web_yaml!` with other values; with the tutorial's values it gives
    /// `web.yaml` byte for byte (less the blank last line upstream's file ends with), so they
    /// cannot drift from it.
    #[test]
    fn web_set_with_the_tutorials_values_is_web_yaml() {
        assert_eq!(
            concat!(ordinal_kubectl::web_yaml!("2", ""), "\n"),
            super::WEB
        );
    }
}
