# kubectl scale through the /scale subresource: preconditions on the current size and the
# resource version, several targets at once, -l and --all, -f, --timeout waiting until the
# new size is observed, the --dry-run values, and kubectl's errors (a kind without /scale,
# names that do not exist, bad flag values).
kubectl apply -f web.yaml
kubectl create deployment cattle --image=registry.k8s.io/nginx-slim:0.24 --replicas=2
sleep 30s
kubectl scale sts web --replicas=3 --current-replicas=2 --timeout=1m
kubectl get sts web
kubectl scale sts web --replicas=1 --current-replicas=2
RV=$(kubectl get sts web -o jsonpath='{.metadata.resourceVersion}')
kubectl scale sts web --replicas=2 --resource-version=1
kubectl scale sts web --replicas=2 --resource-version=$RV -o name
kubectl scale sts/web deploy/cattle --replicas=1 --resource-version=$RV
kubectl scale sts/web deploy/cattle --replicas=1
kubectl scale deploy,sts --all --replicas=2 --timeout=2m
kubectl get deploy,sts
kubectl scale deploy -l app=cattle --replicas=3
kubectl scale sts -l app=nothing --replicas=3
kubectl scale deploy --replicas=3
kubectl scale -f web.yaml --replicas=2
kubectl scale sts web --replicas=5 --dry-run=client
kubectl scale sts web --replicas=5 --dry-run=server
kubectl scale sts web --replicas=5 --dry-run=server --current-replicas=4
kubectl scale sts web --replicas=5 --dry-run=maybe
kubectl get sts web
kubectl scale pod web-0 --replicas=2
kubectl scale sts nope --replicas=2
kubectl scale sts nope web --replicas=3
kubectl scale sts web --replicas=0 --timeout=1s
kubectl scale sts web --replicas=-1
kubectl scale sts web --replicas=two
kubectl scale sts web --replicas=2 --current-replicas=-2
kubectl scale sts web --replicas=2 --timeout=5
kubectl scale sts web --replicas=2 --timeout=5x
kubectl scale sts web --replicas=2 -o wide
kubectl scale sts web --replicas=4 --dry-run=client -o jsonpath='{.spec.replicas}{"\n"}'
kubectl scale sts web
kubectl scale --replicas=2
kubectl scale sts --replicas=2
