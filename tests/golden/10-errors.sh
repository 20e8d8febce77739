# What kubectl prints when something is wrong.
kubectl foo
kubectl gte pods
kubectl get pods --bogus
kubectl get foos
kubectl get pods web-9
kubectl get
kubectl apply -f nope.yaml
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: bad
spec:
  ports:
  - port: 80: 81
EOF
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 1
  foo: bar
EOF
kubectl apply -f - <<EOF
apiVersion: example.com/v1
kind: Foo
metadata:
  name: x
EOF
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: two
EOF
kubectl scale sts web --replicas=3
kubectl delete pod web-0
kubectl exec web-0 hostname
kubectl edit sts web
kubectl rollout status sts/nope
kubectl wait --for=condition=Ready pod/nope --timeout=5s
sim node stop node-9
frobnicate
