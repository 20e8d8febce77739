# ordinal-args: --feature-gates MaxUnavailableStatefulSet=true
# The MaxUnavailableStatefulSet gate (alpha, off by default) turned on from the command line:
# a rolling update then replaces up to maxUnavailable pods at a time.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 4
  podManagementPolicy: Parallel
  updateStrategy:
    rollingUpdate:
      maxUnavailable: 2
  selector:
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
EOF
kubectl rollout status statefulset/web
kubectl get statefulset web -o jsonpath='{.spec.updateStrategy}{"\n"}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'
sleep 1
kubectl get pods
sleep 60
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{"\n"}{end}'
