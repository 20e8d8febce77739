//! The challenges' own manifests: the StatefulSet tutorial's `web.yaml` at
//! `registry.k8s.io/nginx-slim:0.21` (as upstream's page has it), with one change each, so a
//! challenge never depends on the tutorial file the kubectl crate serves.

/// `web.yaml` with `replicas`, lines at the top of the set's spec, lines in the nginx
/// container and lines in the claim template's spec, and its storage request.
macro_rules! web {
    ($replicas:literal, $spec:literal, $container:literal, $claim:literal, $size:literal) => {
        concat!(
            r#"apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: "#,
            $replicas,
            "\n",
            $spec,
            r#"  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
"#,
            $container,
            r#"        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
"#,
            $claim,
            r#"      resources:
        requests:
          storage: "#,
            $size,
            "\n"
        )
    };
}

/// Three replicas on the default (node-local) class.
pub const WEB_3: &str = web!("3", "", "", "", "1Gi");

/// The same set asking for 2Gi claims (the claim template cannot be changed in place).
pub const WEB_3_2GI: &str = web!("3", "", "", "", "2Gi");

/// A network disk that can follow its pod to any node (attached to one at a time).
pub const NETWORK_DISK: &str = r#"apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: network-disk
provisioner: pd.csi.storage.gke.io
volumeBindingMode: WaitForFirstConsumer
"#;

/// Three replicas whose claims are network disks.
pub const WEB_3_NETWORK: &str = web!("3", "", "", "      storageClassName: network-disk\n", "1Gi");

/// Readiness checked by fetching /index.html, which the empty claim mounted over nginx's html
/// directory does not have: the pods never become Ready.
pub const WEB_3_HTTP_PROBE: &str = web!(
    "3",
    "",
    "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n          periodSeconds: 2\n",
    "",
    "1Gi"
);

/// One replica whose readiness never passes (as above).
pub const WEB_1_HTTP_PROBE: &str = web!(
    "1",
    "",
    "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n          periodSeconds: 2\n",
    "",
    "1Gi"
);

/// A database as a Deployment whose data is an emptyDir: a new pod starts empty.
pub const DB_DEPLOYMENT: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
  labels:
    app: db
spec:
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: mysql
        image: mysql:8.0
        volumeMounts:
        - name: data
          mountPath: /var/lib/mysql
      volumes:
      - name: data
        emptyDir: {}
"#;
