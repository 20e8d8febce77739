# `--dry-run=client -o yaml`, the usual way to start a manifest: kubectl prints the object its
# generator built, Go's zero values included (creationTimestamp: null, strategy: {},
# resources: {}), with no namespace unless -n was given, and creates nothing. The restart
# annotation is read back with an escaped-dot JSONPath.
kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.24 --replicas=2 --dry-run=client -o yaml
kubectl create deployment web --image=nginx -n default --dry-run=client -o yaml
kubectl run nginx --image=nginx --dry-run=client -o yaml
kubectl create namespace team --dry-run=client -o yaml
kubectl create configmap settings --from-literal=mode=demo --dry-run=client -o json
kubectl create deployment web --image=nginx --dry-run=client
kubectl create deployment web --image=nginx --dry-run=sometimes
kubectl get deploy,pods
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80 --dry-run=client -o yaml
kubectl expose deployment web --port=80 --dry-run=client -o name
kubectl get svc
kubectl rollout restart deployment/web
kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}{"\n"}'
