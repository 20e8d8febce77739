# The learner's terminal pipes kubectl into GNU grep, head, tail and wc, and says what it would
# say for a mistyped command word (Ubuntu's command-not-found) or kubectl subcommand (cobra).
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl scale sts web --replicas=12
sleep 90s
kubectl get pods | grep Running | wc -l
kubectl get pods --no-headers | grep -c 'web-1'
kubectl get pods --no-headers | grep 'web-1$' ; echo "exit $?"
kubectl get pods --no-headers | grep -E '^web-(1|1[01]) ' | head -n 2
kubectl get pods | grep -v NAME | tail -n 3
kubectl get pods | grep -iv running
kubectl get pods -o name | grep -x 'pod/web-1[0-9]*'
kubectl get pods | head -3
kubectl get pods | tail -n +12
kubectl get sts web -o yaml | grep -n image
kubectl describe sts web | grep -A1 Image ; echo "exit $?"
kubectl get pvc | wc
kubectl get pods -o name | wc -lw
grep image web.yaml
grep -c nginx web.yaml missing.yaml ; echo "exit $?"
kubectl get pods | grep 'web-[0-9'
kubectl get pods | head -n x
kubectl get pods | wc -q
kubctl get pods
kubectl gte pods
grpe Running
notacommand
